import { randomUUID } from 'node:crypto';
import {
  applyCorrections,
  type CommandMetadata,
  type ContractAwardedData,
  contractDecider,
  contractStreamId,
  type Decider,
  type DomainEvent,
  decideCorrection,
  engagementDecider,
  engagementStreamId,
  fold,
  followUpDecider,
  followUpStreamId,
  incentiveDecider,
  incentiveStreamId,
  type Money,
  type NetworkDomain,
  observationDecider,
  observationStreamId,
  type Stance,
  type SupportOutcome,
  streamCategory,
  technicalSupportDecider,
  technicalSupportStreamId,
  VENDOR_CATALOGUE,
  VENDOR_CATALOGUE_DATE,
  type VendorRegisteredData,
  type VendorSnapshot,
  vendorDecider,
  vendorSnapshot,
  vendorStreamId,
} from '#domain';
import { PostgresEventStore } from '#event-store';
import { eventRouter } from '#messaging';
import type { TestDatabase } from './database.js';
import { waitFor } from './wait.js';

/** Where an entry landed: its id (the stream's entity id), its stream, and the event just appended. */
export interface Recorded {
  readonly id: string;
  readonly streamId: string;
  readonly eventId: string;
}

const date = (iso: string) => new Date(iso);
const person = (name: string, organisation: string) => ({ name, title: 'Official', organisation });

/**
 * Writes scenarios through the write model without the HTTP command endpoints: each command is decided by its
 * domain decider against the stream's current state (corrections applied) and appended with an expected version
 * and an outbox row, as the API's EntryStore does. The relay and projector then carry it to the read models.
 */
export class Recorder {
  private readonly store: PostgresEventStore;

  constructor(
    private readonly db: TestDatabase,
    topicPrefix: string,
  ) {
    this.store = new PostgresEventStore(db.pool, eventRouter(topicPrefix));
  }

  private metadata(): CommandMetadata {
    return { recordedAt: new Date(), recordedBy: 'test', correlationId: randomUUID(), causationId: null };
  }

  private async append(streamId: string, version: number, events: readonly DomainEvent[]): Promise<string> {
    const result = await this.store.appendToStream(
      streamId,
      events.map((event) => ({ ...event, eventId: randomUUID() })),
      {
        expectedVersion: version,
        category: streamCategory(streamId) ?? 'unknown',
        metadata: this.metadata(),
      },
    );
    const last = result.events.at(-1);
    if (!last) throw new Error(`nothing was appended to ${streamId}`);
    return last.eventId;
  }

  private async load<E extends DomainEvent, S>(
    streamId: string,
    decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
  ) {
    const history = await this.store.readStream(streamId);
    const state = fold(decider, applyCorrections(history) as unknown as E[]);
    return { state, version: history.at(-1)?.streamVersion ?? 0 };
  }

  /** Decides one command against its stream and appends the result; answers the last event's id. */
  async decide<C, E extends DomainEvent, S>(
    streamId: string,
    decider: Decider<C, E, S>,
    command: (metadata: CommandMetadata) => C,
  ): Promise<string> {
    const { state, version } = await this.load(streamId, decider);
    return this.append(streamId, version, decider.decide(command(this.metadata()), state));
  }

  // Vendor registry

  /**
   * Registers vendors of the catalogue (by id) as of the catalogue's date, as a fresh installation does; ones
   * already registered (the API may seed the catalogue on startup) are left as they are.
   */
  async registerCatalogueVendors(vendorIds: readonly string[]): Promise<void> {
    for (const vendorId of vendorIds) {
      const vendor = VENDOR_CATALOGUE.find((v) => v.vendorId === vendorId);
      if (!vendor) throw new Error(`${vendorId} is not in VENDOR_CATALOGUE`);
      if ((await this.store.readStream(vendorStreamId(vendorId))).length > 0) continue;
      await this.registerVendor(vendor, VENDOR_CATALOGUE_DATE);
    }
  }

  async registerVendor(vendor: VendorRegisteredData, occurredAt: string): Promise<string> {
    return this.decide(vendorStreamId(vendor.vendorId), vendorDecider, (metadata) => ({
      type: 'RegisterVendor' as const,
      occurredAt: date(occurredAt),
      vendor,
      metadata,
    }));
  }

  async reclassifyVendor(vendorId: string, highRisk: boolean, occurredAt: string): Promise<string> {
    return this.decide(vendorStreamId(vendorId), vendorDecider, (metadata) => ({
      type: 'ReclassifyVendorRisk' as const,
      occurredAt: date(occurredAt),
      highRisk,
      riskBasis: 'Synthetic test listing',
      metadata,
    }));
  }

  private async vendor(vendorId: string, field: string): Promise<VendorSnapshot> {
    const { state } = await this.load(vendorStreamId(vendorId), vendorDecider);
    return vendorSnapshot(vendorId, state, field);
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
    const contractId = randomUUID();
    const streamId = contractStreamId(contractId);
    const vendor = await this.vendor(award.vendorId, 'vendorId');
    const contract: ContractAwardedData = {
      contractId,
      ...vendor,
      operator: award.operator ?? 'Synthetic Mobile',
      domain: award.domain,
      generation: '4G',
      units: award.units,
      unitKind: award.domain === 'ran' ? 'sites' : 'units',
      value: award.value ?? null,
      financing: null,
      period: { start: award.occurredAt.slice(0, 10), end: null },
      description: 'Synthetic test contract.',
    };
    const eventId = await this.decide(streamId, contractDecider, (metadata) => ({
      type: 'AwardContract' as const,
      country,
      occurredAt: date(award.occurredAt),
      classification: 'unclassified' as const,
      source: null,
      confidence: null,
      contract,
      metadata,
    }));
    return { id: contractId, streamId, eventId };
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
    const to = await this.vendor(change.toVendorId, 'toVendorId');
    return this.decide(contractStreamId(contractId), contractDecider, (metadata) => ({
      type: 'ReplaceEquipment' as const,
      occurredAt: date(change.occurredAt),
      source: null,
      confidence: null,
      fromVendorId: change.fromVendorId,
      to,
      units: change.units,
      value: null,
      note: 'Synthetic rip and replace.',
      metadata,
    }));
  }

  async terminateContract(contractId: string, occurredAt: string): Promise<string> {
    return this.decide(contractStreamId(contractId), contractDecider, (metadata) => ({
      type: 'TerminateContract' as const,
      occurredAt: date(occurredAt),
      source: null,
      confidence: null,
      reason: 'Synthetic termination.',
      equipment: 'decommissioned' as const,
      swappedInEquipment: 'decommissioned' as const,
      metadata,
    }));
  }

  // Engagements

  private facts(country: string, occurredAt: string) {
    return {
      country,
      occurredAt: date(occurredAt),
      classification: 'unclassified' as const,
      source: null,
      confidence: null,
    };
  }

  async meeting(country: string, occurredAt: string, location = 'Capital'): Promise<Recorded> {
    const meetingId = randomUUID();
    const streamId = engagementStreamId(meetingId);
    const eventId = await this.decide(streamId, engagementDecider, (metadata) => ({
      type: 'RecordEnvoyMeeting' as const,
      ...this.facts(country, occurredAt),
      meeting: {
        meetingId,
        location,
        envoys: [person('A. Envoy', 'Department of State')],
        counterparts: [person('B. Minister', 'Ministry of Communications')],
        topics: ['telecom reform'],
        concerns: ['network-vulnerability' as const],
        vendorsDiscussed: ['Huawei'],
        summary: 'Synthetic test meeting.',
        outcome: 'Synthetic outcome.',
        nextSteps: [],
      },
      metadata,
    }));
    return { id: meetingId, streamId, eventId };
  }

  async dialogueRound(country: string, occurredAt: string, round = 1): Promise<Recorded> {
    const engagementId = randomUUID();
    const streamId = engagementStreamId(engagementId);
    const eventId = await this.decide(streamId, engagementDecider, (metadata) => ({
      type: 'RecordDialogueRound' as const,
      ...this.facts(country, occurredAt),
      dialogue: {
        engagementId,
        track: 'Synthetic Telecom Dialogue',
        round,
        level: 'ministerial' as const,
        location: 'Capital',
        coChairs: [person('C. Chair', 'Department of State')],
        agenda: ['vendor diversity'],
        jointStatement: null,
        deliverables: [],
        topics: ['telecom reform'],
        concerns: [],
        vendorsDiscussed: [],
        summary: 'Synthetic dialogue round.',
      },
      metadata,
    }));
    return { id: engagementId, streamId, eventId };
  }

  async offerIncentive(country: string, occurredAt: string): Promise<Recorded> {
    const offerId = randomUUID();
    const streamId = incentiveStreamId(offerId);
    const eventId = await this.decide(streamId, incentiveDecider, (metadata) => ({
      type: 'OfferIncentive' as const,
      ...this.facts(country, occurredAt),
      offer: {
        offerId,
        instrument: 'financing' as const,
        agency: 'DFC',
        amount: { amount: 50_000_000, currency: 'USD' },
        conditions: ['Synthetic condition'],
        expiresOn: null,
        description: 'Synthetic financing for trusted vendors.',
      },
      metadata,
    }));
    return { id: offerId, streamId, eventId };
  }

  async closeIncentive(
    offerId: string,
    type: 'AcceptIncentive' | 'DeclineIncentive' | 'WithdrawIncentive' | 'ExpireIncentive',
    occurredAt: string,
  ): Promise<string> {
    return this.decide(incentiveStreamId(offerId), incentiveDecider, (metadata) => ({
      type,
      occurredAt: date(occurredAt),
      source: null,
      confidence: null,
      note: 'Synthetic answer.',
      metadata,
    }));
  }

  async commitSupport(country: string, occurredAt: string): Promise<Recorded> {
    const supportId = randomUUID();
    const streamId = technicalSupportStreamId(supportId);
    const eventId = await this.decide(streamId, technicalSupportDecider, (metadata) => ({
      type: 'CommitTechnicalSupport' as const,
      ...this.facts(country, occurredAt),
      support: {
        supportId,
        supportType: 'vendor-transition-planning' as const,
        provider: 'Synthetic Agency',
        beneficiary: 'Ministry of Communications',
        period: { start: occurredAt.slice(0, 10), end: null },
        budget: null,
        description: 'Synthetic support.',
      },
      metadata,
    }));
    return { id: supportId, streamId, eventId };
  }

  async deliverMilestone(supportId: string, occurredAt: string): Promise<string> {
    return this.decide(technicalSupportStreamId(supportId), technicalSupportDecider, (metadata) => ({
      type: 'DeliverMilestone' as const,
      occurredAt: date(occurredAt),
      source: null,
      confidence: null,
      milestone: 'Transition roadmap',
      note: 'Synthetic milestone.',
      metadata,
    }));
  }

  async closeSupport(supportId: string, outcome: SupportOutcome, occurredAt: string): Promise<string> {
    return this.decide(technicalSupportStreamId(supportId), technicalSupportDecider, (metadata) => ({
      type: 'CloseTechnicalSupport' as const,
      occurredAt: date(occurredAt),
      source: null,
      confidence: null,
      outcome,
      note: 'Synthetic close.',
      metadata,
    }));
  }

  async assignFollowUp(
    source: Recorded & { readonly country: string },
    assignment: { readonly occurredAt: string; readonly dueDate: string; readonly action?: string },
  ): Promise<Recorded> {
    const followUpId = randomUUID();
    const streamId = followUpStreamId(followUpId);
    const eventId = await this.decide(streamId, followUpDecider, (metadata) => ({
      type: 'AssignFollowUp' as const,
      ...this.facts(source.country, assignment.occurredAt),
      followUp: {
        followUpId,
        sourceEventId: source.eventId,
        sourceStreamId: source.streamId,
        owner: 'desk.officer',
        dueDate: assignment.dueDate,
        action: assignment.action ?? 'Synthetic action',
      },
      metadata,
    }));
    return { id: followUpId, streamId, eventId };
  }

  async completeFollowUp(followUpId: string, occurredAt: string): Promise<string> {
    return this.decide(followUpStreamId(followUpId), followUpDecider, (metadata) => ({
      type: 'CompleteFollowUp' as const,
      occurredAt: date(occurredAt),
      source: null,
      confidence: null,
      note: 'Synthetic completion.',
      metadata,
    }));
  }

  async observeResponse(country: string, stance: Stance, occurredAt: string): Promise<Recorded> {
    const observationId = randomUUID();
    const streamId = observationStreamId(observationId);
    const eventId = await this.decide(streamId, observationDecider, (metadata) => ({
      type: 'ObserveCountryResponse' as const,
      ...this.facts(country, occurredAt),
      response: {
        observationId,
        stance,
        speaker: person('D. Spokesperson', 'Ministry of Communications'),
        quote: null,
        channel: 'public-statement' as const,
        topics: ['vendor diversity'],
        vendorsMentioned: [],
        summary: `Synthetic ${stance} response.`,
      },
      metadata,
    }));
    return { id: observationId, streamId, eventId };
  }

  // Corrections

  /** Retracts an entry: appended to its stream, decided against the stream's raw history. */
  async retract(entry: Pick<Recorded, 'streamId' | 'eventId'>): Promise<string> {
    const history = await this.store.readStream(entry.streamId);
    const events = decideCorrection(
      {
        type: 'RetractEntry',
        targetEventId: entry.eventId,
        reason: 'Synthetic retraction.',
        metadata: this.metadata(),
      },
      history,
    );
    return this.append(entry.streamId, history.at(-1)?.streamVersion ?? 0, events);
  }

  /** Waits until the projector has applied every event appended so far (all read models commit together). */
  async awaitProjected(): Promise<void> {
    await waitFor(
      async () => {
        const appended = await this.db.count('SELECT count(*) AS n FROM events');
        const projected = await this.db.count('SELECT count(*) AS n FROM projected_events');
        return appended > 0 && projected === appended ? true : undefined;
      },
      { what: 'every appended event projected', timeoutMs: 60_000 },
    );
  }
}
