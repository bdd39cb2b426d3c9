import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  formatAmount,
  type Money,
  type NetworkDomain,
  type Stance,
  type SupportOutcome,
  VENDOR_CATALOGUE,
  VENDOR_CATALOGUE_DATE,
  type VendorRegisteredData,
} from '#domain';
import { postJson, recorded } from './commands.js';
import type { TestDatabase } from './database.js';
import { waitFor } from './wait.js';

/** Where an entry landed: its id (the stream's entity id), its stream, and the event just appended. */
export interface Recorded {
  readonly id: string;
  readonly streamId: string;
  readonly eventId: string;
}

const person = (name: string, organisation: string) => ({ name, title: 'Official', organisation });

/** The one place a scenario's money becomes a request's: a decimal amount string and its currency. */
function requestMoney(money: Money | null | undefined): { amount: string; currency: string } | null {
  return money ? { amount: formatAmount(money), currency: money.currency } : null;
}

const CLOSE_PATHS = {
  AcceptIncentive: 'accept',
  DeclineIncentive: 'decline',
  WithdrawIncentive: 'withdraw',
  ExpireIncentive: 'expire',
} as const;

/**
 * Writes scenarios through the API's write path: each entry is POSTed to its command endpoint of the in-process
 * API (startApps), so it is validated, decided against its stream (corrections applied) and appended with an
 * expected version and an outbox row as any caller's would be. The relay and projector carry it to the read
 * models.
 */
export class Recorder {
  constructor(
    private readonly db: TestDatabase,
    private readonly api: NestFastifyApplication,
  ) {}

  /** POSTs a command that must be recorded; answers the entry's id, stream and event. */
  private async post(url: string, body: Record<string, unknown>): Promise<Recorded> {
    const { entryId, streamId, eventId } = await recorded(this.api, url, body);
    return { id: entryId, streamId, eventId };
  }

  private async transition(url: string, body: Record<string, unknown>): Promise<string> {
    return (await this.post(url, body)).eventId;
  }

  // Vendor registry

  /**
   * Registers vendors of the catalogue (by id) as of the catalogue's date, as a fresh installation does; ones
   * already registered (the API seeds the catalogue on startup) are left as they are.
   */
  async registerCatalogueVendors(vendorIds: readonly string[]): Promise<void> {
    for (const vendorId of vendorIds) {
      const vendor = VENDOR_CATALOGUE.find((v) => v.vendorId === vendorId);
      if (!vendor) throw new Error(`${vendorId} is not in VENDOR_CATALOGUE`);
      const answer = await postJson(this.api, '/v1/vendors', {
        ...vendor,
        occurredAt: VENDOR_CATALOGUE_DATE,
      });
      if (answer.status !== 201 && answer.body.code !== 'ALREADY_RECORDED')
        throw new Error(`POST /v1/vendors: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  }

  async registerVendor(vendor: VendorRegisteredData, occurredAt: string): Promise<string> {
    return this.transition('/v1/vendors', { ...vendor, occurredAt });
  }

  async reclassifyVendor(vendorId: string, highRisk: boolean, occurredAt: string): Promise<string> {
    return this.transition(`/v1/vendors/${vendorId}/risk`, {
      occurredAt,
      highRisk,
      riskBasis: 'Synthetic test listing',
    });
  }

  // Contracts

  async awardContract(
    country: string,
    award: {
      readonly occurredAt: string;
      readonly domain: NetworkDomain;
      readonly vendorId: string;
      readonly units: number;
      readonly value?: Money | null;
      readonly operator?: string;
    },
  ): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/contracts`, {
      occurredAt: award.occurredAt,
      operator: award.operator ?? 'Synthetic Mobile',
      vendorId: award.vendorId,
      domain: award.domain,
      generation: '4G',
      units: award.units,
      unitKind: award.domain === 'ran' ? 'sites' : 'units',
      value: requestMoney(award.value),
      financing: null,
      period: { start: award.occurredAt.slice(0, 10), end: null },
      description: 'Synthetic test contract.',
    });
  }

  async replaceEquipment(
    contractId: string,
    change: {
      readonly occurredAt: string;
      readonly fromVendorId: string;
      readonly toVendorId: string;
      readonly units: number;
    },
  ): Promise<string> {
    return this.transition(`/v1/contracts/${contractId}/replace`, {
      occurredAt: change.occurredAt,
      fromVendorId: change.fromVendorId,
      toVendorId: change.toVendorId,
      units: change.units,
      value: null,
      note: 'Synthetic rip and replace.',
    });
  }

  async terminateContract(contractId: string, occurredAt: string): Promise<string> {
    return this.transition(`/v1/contracts/${contractId}/terminate`, {
      occurredAt,
      reason: 'Synthetic termination.',
      equipment: 'decommissioned',
      swappedInEquipment: 'decommissioned',
    });
  }

  // Engagements

  async meeting(country: string, occurredAt: string, location = 'Capital'): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/meetings`, {
      occurredAt,
      location,
      envoys: [person('A. Envoy', 'Department of State')],
      counterparts: [person('B. Minister', 'Ministry of Communications')],
      topics: ['telecom reform'],
      concerns: ['network-vulnerability'],
      vendorsDiscussed: ['Huawei'],
      summary: 'Synthetic test meeting.',
      outcome: 'Synthetic outcome.',
      nextSteps: [],
    });
  }

  async dialogueRound(country: string, occurredAt: string, round = 1): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/dialogues`, {
      occurredAt,
      track: 'Synthetic Telecom Dialogue',
      round,
      level: 'ministerial',
      location: 'Capital',
      coChairs: [person('C. Chair', 'Department of State')],
      agenda: ['vendor diversity'],
      jointStatement: null,
      deliverables: [],
      topics: ['telecom reform'],
      concerns: [],
      vendorsDiscussed: [],
      summary: 'Synthetic dialogue round.',
    });
  }

  async offerIncentive(country: string, occurredAt: string): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/incentive-offers`, {
      occurredAt,
      instrument: 'financing',
      agency: 'DFC',
      amount: requestMoney({ minor: '5000000000', currency: 'USD' }),
      conditions: ['Synthetic condition'],
      expiresOn: null,
      description: 'Synthetic financing for trusted vendors.',
    });
  }

  async closeIncentive(offerId: string, type: keyof typeof CLOSE_PATHS, occurredAt: string): Promise<string> {
    return this.transition(`/v1/incentive-offers/${offerId}/${CLOSE_PATHS[type]}`, {
      occurredAt,
      note: 'Synthetic answer.',
    });
  }

  async commitSupport(country: string, occurredAt: string): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/technical-support`, {
      occurredAt,
      supportType: 'vendor-transition-planning',
      provider: 'Synthetic Agency',
      beneficiary: 'Ministry of Communications',
      period: { start: occurredAt.slice(0, 10), end: null },
      budget: null,
      description: 'Synthetic support.',
    });
  }

  async deliverMilestone(supportId: string, occurredAt: string): Promise<string> {
    return this.transition(`/v1/technical-support/${supportId}/milestones`, {
      occurredAt,
      milestone: 'Transition roadmap',
      note: 'Synthetic milestone.',
    });
  }

  async closeSupport(supportId: string, outcome: SupportOutcome, occurredAt: string): Promise<string> {
    return this.transition(`/v1/technical-support/${supportId}/close`, {
      occurredAt,
      outcome,
      note: 'Synthetic close.',
    });
  }

  /** A follow-up of a meeting or dialogue round; the API files it under the source's country, not `country`. */
  async assignFollowUp(
    source: Pick<Recorded, 'eventId'> & { readonly country?: string },
    assignment: { readonly occurredAt: string; readonly dueDate: string; readonly action?: string },
  ): Promise<Recorded> {
    return this.post('/v1/follow-ups', {
      sourceEventId: source.eventId,
      occurredAt: assignment.occurredAt,
      owner: 'desk.officer',
      dueDate: assignment.dueDate,
      action: assignment.action ?? 'Synthetic action',
    });
  }

  async completeFollowUp(followUpId: string, occurredAt: string): Promise<string> {
    return this.transition(`/v1/follow-ups/${followUpId}/complete`, {
      occurredAt,
      note: 'Synthetic completion.',
    });
  }

  async observeResponse(country: string, stance: Stance, occurredAt: string): Promise<Recorded> {
    return this.post(`/v1/countries/${country}/responses`, {
      occurredAt,
      stance,
      speaker: person('D. Spokesperson', 'Ministry of Communications'),
      quote: null,
      channel: 'public-statement',
      topics: ['vendor diversity'],
      vendorsMentioned: [],
      summary: `Synthetic ${stance} response.`,
    });
  }

  // Corrections

  /** Retracts an entry (appended to its stream). */
  async retract(entry: Pick<Recorded, 'eventId'>): Promise<string> {
    return this.transition(`/v1/entries/${entry.eventId}/retractions`, { reason: 'Synthetic retraction.' });
  }

  /** Waits until the projector has applied every event appended so far (all read models commit together). */
  awaitProjected(): Promise<void> {
    return awaitProjected(this.db);
  }
}

/** Waits until the projector has applied every event appended so far (all read models commit together). */
export async function awaitProjected(db: TestDatabase, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    async () => {
      const appended = await db.count('SELECT count(*) AS n FROM events');
      const projected = await db.count('SELECT count(*) AS n FROM projected_events');
      return appended > 0 && projected === appended ? true : undefined;
    },
    { what: 'every appended event projected', timeoutMs },
  );
}
