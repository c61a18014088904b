import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long what a client still sends after a refusal is read and dropped before its connection is cut. */
export const LINGER_MS = 5_000;

/**
 * Closes the connection of a refused request gently: what the client still sends (the rest of a
 * body over the limit) is read and dropped, keeping nothing, and once the answer is written the
 * app closes its side of the connection (so the connection is not used again for a next request)
 * and waits for the client to close its own, at most LINGER_MS. Closing at once instead, with
 * unread bytes in the socket, makes TCP reset the connection: a client still sending its body then
 * sees a broken pipe, not the answer.
 */
export function drainRefused(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  const cut = setTimeout(() => socket.destroy(), LINGER_MS).unref();
  socket.once('close', () => clearTimeout(cut));
  res.once('finish', () => socket.end());
  req.resume();
}
