import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** A route: answers and returns true, or returns false for the next one. */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * The app's HTTP server: each request goes through the handlers in order, 404 when none takes it.
 * Slow clients are cut off (headers within 20 s, the whole request within 60 s), so a trickled
 * body cannot hold connections open.
 */
export function createAppServer(handlers: RequestHandler[], log: { error(fields: object, message: string): void }): Server {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        for (const handler of handlers) if (await handler(req, res)) return;
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, message: `nothing at ${req.method} ${(req.url ?? '').split('?')[0]}` }));
      } catch (error) {
        log.error({ err: error, method: req.method, path: (req.url ?? '').split('?')[0] }, 'request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, message: 'internal error; the app log has the details' }));
      }
    })();
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}

/** Listens on host:port (0: any free port) and resolves with the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? Object.assign(error, { message: `port ${port} is already in use; set PORT to another port` }) : error);
    });
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
