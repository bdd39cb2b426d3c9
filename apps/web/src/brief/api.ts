/** The brief's, the overview trend's and search's reads of the API, each with the signed-in reader's token. */
import { request } from '../api/client';
import type {
  CountryRegister,
  DependencyHistory,
  DependencyReport,
  FollowUpList,
  SearchPage,
  TimelinePage,
} from '../api/types';

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const country = (code: string) => `/v1/countries/${encodeURIComponent(code)}`;

export function briefApi(token: string) {
  const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { token, signal });
  return {
    /** Entries that occurred from the start of `from` to the end of `asOf`, newest first (up to 200). */
    timeline: (code: string, q: { from: string; asOf: string }, signal?: AbortSignal) =>
      get<TimelinePage>(
        `${country(code)}/timeline${query({ limit: 200, from: q.from, asOf: q.asOf })}`,
        signal,
      ),
    dependency: (code: string, asOf: string, signal?: AbortSignal) =>
      get<DependencyReport>(`${country(code)}/dependency${query({ asOf })}`, signal),
    history: (code: string, q: { from?: string; to: string; domain?: string }, signal?: AbortSignal) =>
      get<DependencyHistory>(
        `${country(code)}/dependency/history${query({ from: q.from, to: q.to, domain: q.domain })}`,
        signal,
      ),
    offers: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      get<CountryRegister<'incentive-offer'>>(
        `${country(code)}/incentive-offers${query({ knownAt, limit: 200 })}`,
        signal,
      ),
    contracts: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      get<CountryRegister<'contract'>>(`${country(code)}/contracts${query({ knownAt, limit: 200 })}`, signal),
    technicalSupport: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      get<CountryRegister<'technical-support'>>(
        `${country(code)}/technical-support${query({ knownAt, limit: 200 })}`,
        signal,
      ),
    followUps: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      get<FollowUpList>(`/v1/follow-ups${query({ country: code, knownAt, limit: 200 })}`, signal),
    search: (q: string, cursor: string | undefined, signal?: AbortSignal) =>
      get<SearchPage>(`/v1/search${query({ q, cursor, limit: 20 })}`, signal),
  };
}

export type BriefApi = ReturnType<typeof briefApi>;
