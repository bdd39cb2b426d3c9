/**
 * The API's response shapes the web app reads. Where libs/domain declares a shape, it is imported (type-only,
 * erased from the bundle); the read models below live in apps/api, which an app may not import, and are kept
 * here by hand, in this one file, until the types are generated from the server's DTOs (the OpenAPI document).
 */
import type { Classification, ConcentrationBand, TimelineEntry as DomainTimelineEntry, Role } from '#domain';

export type { Classification, Role };

/** The classification levels, lowest first (as libs/domain orders them). */
export const CLASSIFICATION_ORDER: readonly Classification[] = [
  'unclassified',
  'restricted',
  'confidential',
  'secret',
];

/** GET /auth/demo-identities (development only). */
export interface DemoIdentity {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly role: Role;
  readonly countries: readonly string[] | null;
  readonly clearance: Classification;
}

/** apps/api/src/countries/list-countries/list-countries.query.ts: DependencySummary. */
export interface DependencySummary {
  readonly domain: string;
  readonly unitKind: string | null;
  readonly total: number;
  readonly highRiskSharePercent: number;
  readonly unknownRiskSharePercent: number;
  readonly hhi: number;
  readonly band: ConcentrationBand | null;
}

/** …: CountryOverview, one row of GET /v1/countries. */
export interface CountryOverview {
  readonly country: string;
  readonly lastEngagement: { eventId: string; occurredAt: string; headline: string } | null;
  readonly stance: { stance: string; occurredAt: string; eventId: string } | null;
  readonly openFollowUps: number;
  readonly overdueFollowUps: number;
  readonly openOffers: number;
  readonly dependency: {
    readonly now: readonly DependencySummary[];
    readonly twelveMonthsAgo: readonly DependencySummary[];
  };
}

/** …: CountryList, GET /v1/countries. */
export interface CountryList {
  readonly asOf: string;
  readonly knownAt: string;
  readonly countries: readonly CountryOverview[];
}

/** apps/api/src/timeline/timeline.sql.ts: toEntry, the domain's entry with what the read adds. */
export interface TimelineEntry extends Omit<DomainTimelineEntry, 'classification'> {
  readonly classification: Classification;
  readonly revision: number;
  readonly retracted: boolean;
  readonly source: string | null;
  readonly confidence: string | null;
}

/** apps/api/src/timeline/get-timeline/get-timeline.query.ts: TimelinePage. */
export interface TimelinePage {
  readonly country: string;
  readonly entries: readonly TimelineEntry[];
  readonly nextCursor: string | null;
}

/** An RFC 9457 problem, as every API error is answered. */
export interface Problem {
  readonly title: string;
  readonly status: number;
  readonly code?: string;
  readonly detail?: string;
}
