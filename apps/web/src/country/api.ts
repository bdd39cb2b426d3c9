/** The country page's reads of the API, each with the signed-in reader's token. */
import { allPages, queryString as query, request } from '../api/client';
import type {
  ContractItem,
  CorrectionsFound,
  CountryRegister,
  DependencyHistory,
  EntryView,
  FollowUpList,
  IncentiveOfferItem,
  TechnicalSupportItem,
  TimelinePage,
} from '../api/types';
import type { TimelineQuery } from './view-params';

/** A page of corrections as GET /v1/entries/{id}/corrections answers it. */
export type CorrectionsPageView = Extract<CorrectionsFound, { page: unknown }>['page'] & { eventId: string };

const country = (code: string) => `/v1/countries/${encodeURIComponent(code)}`;

export function countryApi(token: string) {
  const get = <T>(path: string, signal?: AbortSignal) => request<T>(path, { token, signal });
  const all = <P extends { readonly items: readonly unknown[]; readonly nextCursor: string | null }>(
    path: string,
    signal?: AbortSignal,
  ) => allPages<P['items'][number], P>(path, { token, signal });
  return {
    timeline: (code: string, q: TimelineQuery, signal?: AbortSignal) =>
      get<TimelinePage>(
        `${country(code)}/timeline${query({
          limit: q.limit ?? 50,
          cursor: q.cursor,
          type: q.type,
          topic: q.topic,
          vendor: q.vendor,
          participant: q.participant,
          from: q.from,
          to: q.to,
          asOf: q.asOf,
          knownAt: q.knownAt,
          includeRetracted: q.includeRetracted || undefined,
        })}`,
        signal,
      ),
    dependencyHistory: (
      code: string,
      q: { to?: string; from?: string; knownAt?: string; domain?: string },
      signal?: AbortSignal,
    ) =>
      get<DependencyHistory>(
        `${country(code)}/dependency/history${query({ to: q.to, from: q.from, knownAt: q.knownAt, domain: q.domain })}`,
        signal,
      ),
    // The registers, every page of them (an open item beyond the first page is still an open item).
    offers: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      all<CountryRegister<'incentive-offer'>>(
        `${country(code)}/incentive-offers${query({ knownAt, limit: 200 })}`,
        signal,
      ),
    contracts: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      all<CountryRegister<'contract'>>(`${country(code)}/contracts${query({ knownAt, limit: 200 })}`, signal),
    technicalSupport: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      all<CountryRegister<'technical-support'>>(
        `${country(code)}/technical-support${query({ knownAt, limit: 200 })}`,
        signal,
      ),
    followUps: (code: string, knownAt: string | undefined, signal?: AbortSignal) =>
      all<FollowUpList>(`/v1/follow-ups${query({ country: code, knownAt, limit: 200 })}`, signal),
    entry: (eventId: string, signal?: AbortSignal) =>
      get<EntryView>(`/v1/entries/${encodeURIComponent(eventId)}`, signal),
    corrections: (eventId: string, cursor: string | undefined, signal?: AbortSignal) =>
      get<CorrectionsPageView>(
        `/v1/entries/${encodeURIComponent(eventId)}/corrections${query({ cursor })}`,
        signal,
      ),
  };
}

export type CountryApi = ReturnType<typeof countryApi>;
export type { ContractItem, IncentiveOfferItem, TechnicalSupportItem };
