import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * True when `signature` (the X-Hub-Signature-256 header, `sha256=<hex>`) is the HMAC-SHA256 of the
 * raw body under the webhook secret; compared in constant time, over the bytes as received.
 */
export function verifySignature(secret: string, body: Buffer, signature: string | undefined): boolean {
  if (!signature || !/^sha256=[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
