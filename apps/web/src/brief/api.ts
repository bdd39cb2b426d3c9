/** The brief's, the overview trend's and search's reads of the API, each with the signed-in reader's token. */
import { queryString as query, request } from '../api/client';
import type { DependencyHistory, DependencyReport, SearchPage, TimelinePage } from '../api/types';
import { countryApi } from '../country/api';

const country = (code: string) => `/v1/countries/${encodeURIComponent(code)}`;

export function briefApi(token: string) {
  const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { token, signal });
  const registers = countryApi(token);
  return {
    /** Entries that occurred from the start of `from` to the end of `asOf`, newest first (up to 200). */
    timeline: (code: string, q: { from: string; asOf: string; knownAt?: string }, signal?: AbortSignal) =>
      get<TimelinePage>(
        `${country(code)}/timeline${query({ limit: 200, from: q.from, asOf: q.asOf, knownAt: q.knownAt })}`,
        signal,
      ),
    dependency: (code: string, asOf: string, knownAt?: string, signal?: AbortSignal) =>
      get<DependencyReport>(`${country(code)}/dependency${query({ asOf, knownAt })}`, signal),
    history: (
      code: string,
      q: { from?: string; to: string; domain?: string; knownAt?: string },
      signal?: AbortSignal,
    ) =>
      get<DependencyHistory>(
        `${country(code)}/dependency/history${query({ from: q.from, to: q.to, domain: q.domain, knownAt: q.knownAt })}`,
        signal,
      ),
    // The registers, read as the country page reads them.
    offers: registers.offers,
    contracts: registers.contracts,
    technicalSupport: registers.technicalSupport,
    followUps: registers.followUps,
    search: (q: string, cursor: string | undefined, signal?: AbortSignal) =>
      get<SearchPage>(`/v1/search${query({ q, cursor, limit: 20 })}`, signal),
  };
}

export type BriefApi = ReturnType<typeof briefApi>;
