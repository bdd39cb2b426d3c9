import type { CountryList, DemoIdentity, Problem, TimelinePage } from './types.js';

/** A refusal or failure from the API, carrying its problem document. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }
}

async function problemOf(response: Response): Promise<Problem> {
  try {
    return (await response.json()) as Problem;
  } catch {
    return { type: 'about:blank', title: response.statusText || 'Error', status: response.status };
  }
}

/** `?a=1&b=x,y` of the parameters given (undefined, empty strings and empty lists left out), or ''. */
export function queryString(
  params: Record<string, string | number | boolean | readonly string[] | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    search.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Calls the API on this origin, with the bearer token when there is one; errors throw ApiError. */
export async function request<T>(
  path: string,
  options: { token?: string; method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as T;
}

/**
 * Every page of a paged list (the registers): follows `nextCursor` up to `maxPages` pages and answers the first
 * page's other fields with all the items; `nextCursor` stays set only when it stopped before the end.
 */
export async function allPages<
  I,
  P extends { readonly items: readonly I[]; readonly nextCursor: string | null },
>(path: string, options: { token?: string; signal?: AbortSignal }, maxPages = 50): Promise<P> {
  const first = await request<P>(path, options);
  const items: I[] = [...first.items];
  let cursor = first.nextCursor;
  for (let page = 1; cursor !== null && page < maxPages; page += 1) {
    const next: P = await request<P>(
      `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
      options,
    );
    items.push(...next.items);
    cursor = next.nextCursor;
  }
  return { ...first, items, nextCursor: cursor };
}

/** The API's calls the web app makes, each with the signed-in reader's token. */
export function apiFor(token: string) {
  return {
    countries: (signal?: AbortSignal) => request<CountryList>('/v1/countries', { token, signal }),
    timeline: (country: string, signal?: AbortSignal) =>
      request<TimelinePage>(`/v1/countries/${encodeURIComponent(country)}/timeline?limit=100`, {
        token,
        signal,
      }),
  };
}

export type Api = ReturnType<typeof apiFor>;

/** Demo sign-in (development key only): who one may sign in as, and a token for one of them. */
export const demoSignIn = {
  identities: () => request<{ identities: DemoIdentity[] }>('/auth/demo-identities'),
  token: (identity: string) =>
    request<{ token: string }>('/auth/demo-token', { method: 'POST', body: { identity } }),
};
