/** Signed webhook deliveries, as GitHub sends them, timed from the first byte sent to the answer. */
import { createHmac } from 'node:crypto';

export interface Delivered {
  status: number;
  ms: number;
  /** The connection failed (the replica died): no answer. */
  failed: boolean;
}

/** POSTs one delivery to `url` (an app's webhook endpoint), signed with `secret`. */
export async function deliver(url: string, secret: string, id: string, event: string, payload: unknown): Promise<Delivered> {
  const body = JSON.stringify(payload);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/bench',
        'x-github-event': event,
        'x-github-delivery': id,
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
      },
      body,
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, failed: false };
  } catch {
    return { status: 0, ms: performance.now() - started, failed: true };
  }
}

/** Runs `work` over `items`, at most `limit` at a time, in order of the items. */
export async function inPool<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}
