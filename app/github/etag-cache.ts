import type { GitHub } from './github.js';

interface Cached {
  etag: string;
  response: unknown;
}

/**
 * Conditional requests for files the app reads again and again (the repo config): a GET of
 * repository contents is sent with the ETag of the last answer, and a 304 is answered from memory.
 * GitHub does not count 304 answers against the rate limit. Bounded; oldest entries go first.
 */
export class EtagCache {
  readonly #entries = new Map<string, Cached>();
  readonly #max: number;

  constructor(max = 5000) {
    this.#max = max;
  }

  /** Adds the conditional-request hook to one client. */
  install(octokit: GitHub): void {
    octokit.hook.wrap('request', async (request, options) => {
      // Only contents reads: the route template says so before any URL is built.
      if (options.method !== 'GET' || options.url !== '/repos/{owner}/{repo}/contents/{path}') return request(options);
      const url = octokit.request.endpoint(options as never).url;
      const key = `${String((options.mediaType as { format?: string } | undefined)?.format ?? '')} ${url}`;
      const cached = this.#entries.get(key);
      // Set in place: hooks further in receive the options object of the call, not a copy passed on.
      if (cached) (options.headers as Record<string, string>)['if-none-match'] = cached.etag;
      try {
        const response = await request(options);
        const etag = (response.headers as Record<string, string | undefined>).etag;
        if (etag) this.#remember(key, { etag, response });
        return response;
      } catch (error) {
        if (cached && (error as { status?: number }).status === 304) return cached.response as Awaited<ReturnType<typeof request>>;
        if ((error as { status?: number }).status === 404) this.#entries.delete(key);
        throw error;
      }
    });
  }

  #remember(key: string, value: Cached): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value as string);
  }
}
