/** GitHub's page size when the client names none. */
export const DEFAULT_PER_PAGE = 30;
/** The largest page GitHub gives, whatever `per_page` asks. */
export const MAX_PER_PAGE = 100;

/** One page of a list and the headers that lead to the others. */
export interface Page<T> {
  items: T[];
  total: number;
  headers: Record<string, string>;
}

/**
 * A page of `items` by the request's `per_page` (default 30, at most 100) and `page` (from 1), with
 * a `Link` header (prev, next, last, first) built from the URL the client called, so its API prefix
 * and other query parameters are kept as GitHub keeps them.
 */
export function paginate<T>(items: readonly T[], requestUrl: URL): Page<T> {
  const perPage = Math.min(Math.max(toInt(requestUrl.searchParams.get('per_page')) ?? DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
  const page = Math.max(toInt(requestUrl.searchParams.get('page')) ?? 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (n: number, rel: string): string => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(Math.min(page - 1, last), 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return {
    items: items.slice((page - 1) * perPage, page * perPage),
    total: items.length,
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

function toInt(value: string | null): number | undefined {
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}
