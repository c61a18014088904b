import type { IncomingMessage } from 'node:http';

/** A body read whole, or the reason it was not. */
export type BoundedBody = { ok: true; body: Buffer } | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body of at most `maxBytes`, refusing a larger one while it streams: a declared
 * Content-Length over the limit is refused before a byte is read, and an undeclared or lying one
 * as soon as the count passes the limit (what arrived is dropped, not kept), so a hostile body
 * never costs more memory than the limit.
 */
export function readBoundedBody(req: IncomingMessage, maxBytes: number): Promise<BoundedBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > maxBytes) {
        chunks.length = 0;
        req.off('data', onData);
        req.pause();
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, body: Buffer.concat(chunks, total) }));
    req.once('error', () => resolve({ ok: false, reason: 'aborted' }));
    req.once('aborted', () => resolve({ ok: false, reason: 'aborted' }));
  });
}
