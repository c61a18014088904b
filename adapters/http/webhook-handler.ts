import type { IncomingMessage, ServerResponse } from 'node:http';
import { keys, type StateStore, TTL } from '../../core/ports/state-store.js';
import { drainRefused } from './drain-refused.js';
import { readBoundedBody } from './read-bounded-body.js';
import { verifySignature } from './verify-signature.js';

/** One verified delivery, as Probot's `receive` takes it. */
export interface Delivery {
  id: string;
  name: string;
  payload: Record<string, unknown>;
}

/** What the webhook endpoint needs. */
export interface WebhookHandlerOptions {
  /** The endpoint's path, such as /api/github/webhooks. */
  path: string;
  secret: string;
  /** Bodies above this many bytes are refused with 413 while they stream. */
  maxBytes: number;
  /** Where delivery ids are claimed, so a redelivery is answered but not acted on twice. */
  deliveries: Pick<StateStore, 'claim' | 'delete'>;
  /** Hands the delivery to the app's handlers; they only decide and queue, so this is quick. */
  receive: (delivery: Delivery) => Promise<void>;
  /** Called for each delivery refused before any handler saw it, with the reason. */
  refused: (reason: 'method' | 'headers' | 'too-large' | 'signature' | 'not-json') => void;
  /** Called for each delivery answered as a duplicate. */
  duplicate: (event: string) => void;
  log: { warn(fields: object, message: string): void; error(fields: object, message: string): void; debug(fields: object, message: string): void };
}

/**
 * The webhook endpoint: bounded body, signature, JSON, then exactly-once hand-over by delivery id.
 * Nothing here calls GitHub, so every valid delivery is answered in milliseconds whatever GitHub
 * does. A refused delivery says why in its answer (GitHub shows it on the delivery's page).
 */
export function webhookHandler(options: WebhookHandlerOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?')[0] !== options.path) return false;
    if (req.method !== 'POST') return refuseUnread(req, res, 405, 'method', 'webhook deliveries are POST requests', { allow: 'POST' });
    const id = header(req, 'x-github-delivery');
    const name = header(req, 'x-github-event');
    if (!id || !name || !/^[a-z_]{1,64}$/.test(name) || id.length > 100) return refuseUnread(req, res, 400, 'headers', 'a delivery needs the X-GitHub-Event and X-GitHub-Delivery headers');
    const read = await readBoundedBody(req, options.maxBytes);
    if (!read.ok) {
      if (read.reason === 'aborted') return true;
      options.log.warn({ delivery: id, event: name, limit: options.maxBytes }, 'delivery refused: body too large');
      return refuseUnread(req, res, 413, 'too-large', `the body is larger than ${options.maxBytes} bytes; GitHub never sends more than 25 MB`);
    }
    if (!verifySignature(options.secret, read.body, header(req, 'x-hub-signature-256'))) {
      options.log.warn({ delivery: id, event: name }, 'delivery refused: the signature does not match the payload and WEBHOOK_SECRET');
      return refuse(res, 401, 'signature', 'the X-Hub-Signature-256 signature does not match the payload and the webhook secret; set WEBHOOK_SECRET to the secret in the app settings');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(read.body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'not-json', 'the body is not JSON; set the webhook content type to application/json in the app settings');
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return refuse(res, 400, 'not-json', 'the body is not a JSON object');

    const claim = keys.delivery(id);
    if (!(await options.deliveries.claim(claim, { event: name }, TTL.delivery))) {
      options.duplicate(name);
      options.log.debug({ delivery: id, event: name }, 'delivery already received: answered, not acted on again');
      return answer(res, 200, { ok: true, duplicate: true });
    }
    try {
      await options.receive({ id, name, payload: payload as Record<string, unknown> });
    } catch (error) {
      // Not handled: the claim is given back, so GitHub's redelivery of it is acted on.
      await options.deliveries.delete(claim).catch(() => undefined);
      options.log.error({ err: error, delivery: id, event: name }, 'delivery could not be handled');
      return answer(res, 500, { ok: false, message: 'the delivery could not be handled; the app log has the details. Redeliver it from the app settings once the app is healthy.' });
    }
    return answer(res, 200, { ok: true });
  };

  function refuse(res: ServerResponse, status: number, reason: Parameters<WebhookHandlerOptions['refused']>[0], message: string, headers: Record<string, string> = {}): true {
    options.refused(reason);
    return answer(res, status, { ok: false, message }, headers);
  }

  /** A refusal before the body was read: the rest of it is read and dropped, and the connection closed after the answer. */
  function refuseUnread(req: IncomingMessage, res: ServerResponse, status: number, reason: Parameters<WebhookHandlerOptions['refused']>[0], message: string, headers: Record<string, string> = {}): true {
    drainRefused(req, res);
    return refuse(res, status, reason, message, headers);
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function answer(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): true {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  return true;
}
