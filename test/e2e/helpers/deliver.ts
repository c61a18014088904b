import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';

/** What the app answered to a delivery. */
export interface DeliveryAnswer {
  status: number;
  /** The answer parsed as JSON (the app answers JSON), or its text. */
  body: any;
  /** Milliseconds from the request to the end of the answer. */
  ms: number;
}

/** How to deliver: GitHub's headers, with what a test wants to get wrong. */
export interface DeliveryOptions {
  /** X-GitHub-Delivery (default: a new UUID, as GitHub gives each delivery). */
  id?: string;
  /** The secret the body is signed with (default: the app's). */
  secret?: string;
  /** The body as sent, instead of the payload's JSON. */
  raw?: Buffer | string;
}

/** `sha256=<hex>`: the X-Hub-Signature-256 GitHub sends, the HMAC-SHA256 of the body under the webhook secret. */
export function sign(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A new delivery id, as GitHub gives one to each delivery. */
export function deliveryId(): string {
  return randomUUID();
}

/**
 * Delivers a webhook to the app as GitHub does: POST /api/github/webhooks with the event's JSON,
 * `X-GitHub-Event`, `X-GitHub-Delivery` and `X-Hub-Signature-256` signed with `secret`.
 */
export function deliver(appUrl: string, secret: string, event: string, payload: unknown, options: DeliveryOptions = {}): Promise<DeliveryAnswer> {
  const body = options.raw ?? JSON.stringify(payload);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${appUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/e2e',
        'x-github-event': event,
        'x-github-delivery': options.id ?? deliveryId(),
        'x-github-hook-id': '1',
        'x-hub-signature-256': sign(body, options.secret ?? secret),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: kept as text.
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - started });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The signature of the body `streamDelivery` sends: `chunk` repeated up to `totalBytes`. */
export function signStream(totalBytes: number, secret: string, chunk: Buffer = STREAM_CHUNK): string {
  const hmac = createHmac('sha256', secret);
  for (let sent = 0; sent < totalBytes; sent += chunk.length) hmac.update(chunk.subarray(0, Math.min(chunk.length, totalBytes - sent)));
  return `sha256=${hmac.digest('hex')}`;
}

/** What a streamed body is made of: 64 KiB of spaces, repeated. */
const STREAM_CHUNK = Buffer.alloc(64 * 1024, 0x20);

/** What became of a body streamed to the app. */
export interface StreamAnswer {
  status: number;
  body: string;
  /** Bytes written when the answer arrived. */
  sentBeforeAnswer: number;
  /** Whether the whole body had been written when the answer arrived. */
  completeBeforeAnswer: boolean;
}

/**
 * Streams a large delivery in 64 KiB chunks (`Content-Length` when `declareLength`, else chunked
 * transfer encoding), stopping as soon as the app answers: an app that refuses a body while it
 * streams answers long before the last byte. A signature over the whole body is computed up front.
 */
export function streamDelivery(appUrl: string, event: string, options: { totalBytes: number; signature: string; declareLength: boolean; chunk?: Buffer }): Promise<StreamAnswer> {
  const chunk = options.chunk ?? STREAM_CHUNK;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(`${appUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': deliveryId(),
        'x-hub-signature-256': options.signature,
        ...(options.declareLength ? { 'content-length': String(options.totalBytes) } : { 'transfer-encoding': 'chunked' }),
      },
    }, (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text, sentBeforeAnswer, completeBeforeAnswer: sentBeforeAnswer >= options.totalBytes });
        req.destroy();
      });
    });
    // Once answered, the app closes the connection: writes after that fail, which is expected.
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const pump = (): void => {
      while (!answered && sent < options.totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, options.totalBytes - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
