/** A started webhook proxy, to close at stop. */
export interface WebhookProxy {
  close(): void;
}

/**
 * For local development only: forwards the deliveries that GitHub sends to a smee.io channel
 * (WEBHOOK_PROXY_URL) to this process's webhook endpoint, signature and headers unchanged, so they
 * pass the same checks as deliveries that reach the server directly. Loaded only when asked for.
 */
export async function startWebhookProxy(source: string, target: string, log: { info(fields: object, message: string): void; error(fields: object, message: string): void }): Promise<WebhookProxy> {
  const { SmeeClient } = await import('smee-client');
  const client = new SmeeClient({
    source,
    target,
    logger: { info: (...args: unknown[]) => log.info({ source }, args.map(String).join(' ')), error: (...args: unknown[]) => log.error({ source }, args.map(String).join(' ')) },
  });
  await client.start();
  return { close: () => void client.stop() };
}
