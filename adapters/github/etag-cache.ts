import type { GitHub } from './github.js';

interface Cached {
  etag: string;
  response: unknown;
}

/** How long the org's `.github` config (the fallback of every repo without a config) is reused without asking. */
export const ORG_CONFIG_FRESH_MS = 5 * 60_000;

/**
 * Conditional requests for files the app reads again and again (the repo config): a GET of
 * repository contents is sent with the ETag of the last answer, and a 304 is answered from memory.
 * GitHub does not count 304 answers against the rate limit. The org-wide fallback in the owner's
 * `.github` repository, read for every repo that has no config of its own, is reused for a few
 * minutes without a request at all, its absence (404) included. Bounded; oldest entries go first.
 */
export class EtagCache {
  readonly #entries = new Map<string, Cached>();
  /** Answers (or 404s) of the owners' `.github` repositories, by URL, with when they were read. */
  readonly #orgFallback = new Map<string, { at: number; response?: unknown; error?: unknown }>();
  readonly #max: number;

  constructor(max = 5000, readonly now: () => number = Date.now) {
    this.#max = max;
  }

  /** Adds the conditional-request hook to one client. */
  install(octokit: GitHub): void {
    octokit.hook.wrap('request', async (request, options) => {
      // Only contents reads: the route template says so before any URL is built.
      if (options.method !== 'GET' || options.url !== '/repos/{owner}/{repo}/contents/{path}') return request(options);
      const url = octokit.request.endpoint(options as never).url;
      const key = `${String((options.mediaType as { format?: string } | undefined)?.format ?? '')} ${url}`;
      const org = (options as { repo?: unknown }).repo === '.github';
      const fallback = org ? this.#orgFallback.get(key) : undefined;
      if (fallback && this.now() - fallback.at < ORG_CONFIG_FRESH_MS) {
        if (fallback.error) throw fallback.error;
        return fallback.response as Awaited<ReturnType<typeof request>>;
      }
      const cached = this.#entries.get(key);
      // Set in place: hooks further in receive the options object of the call, not a copy passed on.
      if (cached) (options.headers as Record<string, string>)['if-none-match'] = cached.etag;
      try {
        const response = await request(options);
        const etag = (response.headers as Record<string, string | undefined>).etag;
        if (etag) this.#remember(this.#entries, key, { etag, response });
        if (org) this.#remember(this.#orgFallback, key, { at: this.now(), response });
        return response;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (cached && status === 304) {
          if (org) this.#remember(this.#orgFallback, key, { at: this.now(), response: cached.response });
          return cached.response as Awaited<ReturnType<typeof request>>;
        }
        if (status === 404) {
          this.#entries.delete(key);
          if (org) this.#remember(this.#orgFallback, key, { at: this.now(), error });
        }
        throw error;
      }
    });
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
    while (map.size > this.#max) map.delete(map.keys().next().value as string);
  }
}
