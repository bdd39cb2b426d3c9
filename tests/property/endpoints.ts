import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { recorded } from '../support/commands.js';
import {
  competingOfferBody,
  contractBody,
  countryResponseBody,
  dialogueBody,
  followUpBody,
  incentiveOfferBody,
  meetingBody,
  technicalSupportBody,
  vendorBody,
} from '../support/fixtures.js';
import { money } from './support.js';

/** The entries the commands on existing entries act on. */
export interface Targets {
  readonly meetingEventId: string;
  /** A meeting of its own, so a retraction that gets through leaves the other one a valid follow-up source. */
  readonly retractableEventId: string;
  readonly followUpId: string;
  readonly offerId: string;
  readonly supportId: string;
  readonly contractId: string;
}

/** Entries to act on, in Syria, at the given level (unclassified unless said); follow-ups take their source's. */
export async function recordTargets(
  api: NestFastifyApplication,
  classification = 'unclassified',
): Promise<Targets> {
  const level = { classification };
  const meeting = await recorded(api, '/v1/countries/SY/meetings', meetingBody(level));
  const retractable = await recorded(api, '/v1/countries/SY/meetings', meetingBody(level));
  const followUp = await recorded(api, '/v1/follow-ups', followUpBody(meeting.eventId));
  const offer = await recorded(api, '/v1/countries/SY/incentive-offers', incentiveOfferBody(level));
  const support = await recorded(api, '/v1/countries/SY/technical-support', technicalSupportBody(level));
  const contract = await recorded(api, '/v1/countries/SY/contracts', contractBody(level));
  return {
    meetingEventId: meeting.eventId,
    retractableEventId: retractable.eventId,
    followUpId: followUp.entryId,
    offerId: offer.entryId,
    supportId: support.entryId,
    contractId: contract.entryId,
  };
}

/** A command endpoint and a body it accepts. */
export interface CommandEndpoint {
  /** As Fastify registers it. */
  readonly route: string;
  url(t: Targets): string;
  body(t: Targets): Record<string, unknown>;
}

const at = '2026-02-20T10:00:00Z';

/**
 * Every POST route of the API, each with a valid body. A route added without an entry here fails the coverage
 * test in commands.int.spec.ts, which compares this list with the routes Fastify serves.
 */
export const COMMAND_ENDPOINTS: readonly CommandEndpoint[] = [
  {
    route: '/v1/countries/:country/meetings',
    url: () => '/v1/countries/SY/meetings',
    body: () => meetingBody(),
  },
  {
    route: '/v1/countries/:country/dialogues',
    url: () => '/v1/countries/SY/dialogues',
    body: () => dialogueBody(),
  },
  {
    route: '/v1/countries/:country/responses',
    url: () => '/v1/countries/SY/responses',
    body: () => countryResponseBody(),
  },
  {
    route: '/v1/countries/:country/competing-offers',
    url: () => '/v1/countries/SY/competing-offers',
    body: () => competingOfferBody(),
  },
  {
    route: '/v1/countries/:country/incentive-offers',
    url: () => '/v1/countries/SY/incentive-offers',
    body: () => incentiveOfferBody(),
  },
  {
    route: '/v1/countries/:country/technical-support',
    url: () => '/v1/countries/SY/technical-support',
    body: () => technicalSupportBody(),
  },
  {
    route: '/v1/countries/:country/contracts',
    url: () => '/v1/countries/SY/contracts',
    body: () => contractBody(),
  },
  { route: '/v1/vendors', url: () => '/v1/vendors', body: () => vendorBody() },
  {
    route: '/v1/vendors/:id/risk',
    url: () => '/v1/vendors/huawei/risk',
    body: () => ({ occurredAt: at, highRisk: true, riskBasis: 'Synthetic reclassification.' }),
  },
  { route: '/v1/follow-ups', url: () => '/v1/follow-ups', body: (t) => followUpBody(t.meetingEventId) },
  {
    route: '/v1/follow-ups/:id/complete',
    url: (t) => `/v1/follow-ups/${t.followUpId}/complete`,
    body: () => ({ occurredAt: at, note: 'Done.' }),
  },
  {
    route: '/v1/incentive-offers/:id/amend',
    url: (t) => `/v1/incentive-offers/${t.offerId}/amend`,
    body: () => ({
      occurredAt: at,
      changes: { amount: money('1000.50'), conditions: ['c'], expiresOn: '2026-12-31' },
      reason: 'Renegotiated.',
    }),
  },
  ...(['accept', 'decline', 'withdraw', 'expire'] as const).map((verb) => ({
    route: `/v1/incentive-offers/:id/${verb}`,
    url: (t: Targets) => `/v1/incentive-offers/${t.offerId}/${verb}`,
    body: () => ({ occurredAt: at, note: 'Synthetic.' }),
  })),
  {
    route: '/v1/technical-support/:id/milestones',
    url: (t) => `/v1/technical-support/${t.supportId}/milestones`,
    body: () => ({ occurredAt: at, milestone: 'Audit report', note: 'Delivered.' }),
  },
  {
    route: '/v1/technical-support/:id/close',
    url: (t) => `/v1/technical-support/${t.supportId}/close`,
    body: () => ({ occurredAt: at, outcome: 'completed', note: 'Closed.' }),
  },
  {
    route: '/v1/contracts/:id/amend',
    url: (t) => `/v1/contracts/${t.contractId}/amend`,
    body: () => ({
      occurredAt: at,
      changes: { units: 1_200, period: { start: '2025-06-01', end: null } },
      reason: 'Scope grew.',
    }),
  },
  {
    route: '/v1/contracts/:id/replace',
    url: (t) => `/v1/contracts/${t.contractId}/replace`,
    body: () => ({
      occurredAt: at,
      fromVendorId: 'huawei',
      toVendorId: 'ericsson',
      units: 10,
      note: 'Swap.',
    }),
  },
  {
    route: '/v1/contracts/:id/terminate',
    url: (t) => `/v1/contracts/${t.contractId}/terminate`,
    body: () => ({ occurredAt: at, reason: 'Ended.', equipment: 'in-service' }),
  },
  {
    route: '/v1/entries/:id/corrections',
    url: (t) => `/v1/entries/${t.meetingEventId}/corrections`,
    body: () => ({
      changes: { summary: 'Corrected summary.', envoys: [{ name: 'E', title: 'T', organisation: 'O' }] },
      reason: 'Typo.',
    }),
  },
  {
    route: '/v1/entries/:id/retractions',
    url: (t) => `/v1/entries/${t.retractableEventId}/retractions`,
    body: () => ({ reason: 'Recorded in error.' }),
  },
];
