/**
 * Where the links inside an answer point: the API base the request came through (`/api/v3` kept for
 * GitHub Enterprise style clients) and the web base, both on the simulator's own address.
 */
export interface Urls {
  api: string;
  web: string;
}

/** GitHub's legacy global node id (base64 of "0<length>:<Type><id>"), as webhook examples carry. */
export function nodeId(type: string, id: number | string): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** A path segment as GitHub escapes it in URLs (bot logins carry brackets). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
