// The contract (libs/contracts) and the domain (libs/domain) describe the same events twice, once for consumers
// and once for the code that decides them. These tests keep the two in step: the types at compile time, the
// schemas against events the deciders really produce, and the versions against the domain's catalogue.
import * as C from '#contracts';
import * as D from '#domain';

/** True when A and B are mutually assignable. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails `tsc` unless its type argument is `true`: call it with `Same<…>`. */
function agree<_T extends true>(): void {}

// Newest versions: every type's data.
agree<Same<C.EnvoyMeetingHeldData, D.EnvoyMeetingHeldData>>();
agree<Same<C.DialogueRoundConcludedData, D.DialogueRoundConcludedData>>();
agree<Same<C.FollowUpAssignedData, D.FollowUpAssignedData>>();
agree<Same<C.FollowUpCompletedData, D.FollowUpCompletedData>>();
agree<Same<C.IncentiveOfferedData, D.IncentiveOfferedData>>();
agree<Same<C.IncentiveTermsAmendedData, D.IncentiveTermsAmendedData>>();
agree<Same<C.IncentiveClosedData, D.IncentiveClosedData>>();
agree<Same<C.TechnicalSupportCommittedData, D.TechnicalSupportCommittedData>>();
agree<Same<C.TechnicalSupportMilestoneDeliveredData, D.MilestoneDeliveredData>>();
agree<Same<C.TechnicalSupportClosedData, D.TechnicalSupportClosedData>>();
agree<Same<C.ContractAwardedData, D.ContractAwardedData>>();
agree<Same<C.ContractAmendedData, D.ContractAmendedData>>();
agree<Same<C.ContractTerminatedData, D.ContractTerminatedData>>();
agree<Same<C.EquipmentReplacedData, D.EquipmentReplacedData>>();
agree<Same<C.VendorRegisteredData, D.VendorRegisteredData>>();
agree<Same<C.VendorRiskReclassifiedData, D.VendorRiskReclassifiedData>>();
agree<Same<C.CountryResponseObservedData, D.CountryResponseObservedData>>();
agree<Same<C.CompetingOfferObservedData, D.CompetingOfferObservedData>>();
// The domain types `targetType` as any string; what decideCorrection writes is the type of an entry event, which
// the contract states as an enumeration.
// Likewise the corrected event of EntryCorrected v3: its type one of those, its data an object.
type CorrectedAs<X> = Omit<X, 'type' | 'data'> & {
  readonly type: D.EntryEventType;
  readonly data: { readonly [field: string]: unknown };
};
type Targeting<T> = Omit<T, 'targetType' | 'corrected'> & {
  readonly targetType: D.EntryEventType;
} & (T extends { readonly corrected: infer X } ? { readonly corrected: CorrectedAs<X> } : unknown);
agree<Same<C.EntryCorrectedData, Targeting<D.EntryCorrectedData>>>();
agree<Same<C.EntryRetractedData, Targeting<D.EntryRetractedData>>>();
// EventDataByType against each domain event's data, by its type string.
type DomainDataByType = {
  [E in D.EntryEvent | D.CorrectionEvent as E['type']]: E extends D.CorrectionEvent
    ? Targeting<E['data']>
    : E['data'];
};
agree<Same<keyof C.EventDataByType, D.EventType>>();
agree<Same<{ [T in D.EventType]: C.EventDataByType[T] }, DomainDataByType>>();
// Older versions the domain names (its upcasters read them).
agree<Same<C.IncentiveOfferedDataV1, D.IncentiveOfferedDataVersion1>>();
agree<Same<C.IncentiveTermsAmendedDataV1, D.IncentiveTermsAmendedDataVersion1>>();
agree<Same<C.TechnicalSupportCommittedDataV1, D.TechnicalSupportCommittedDataVersion1>>();
agree<Same<C.ContractAwardedDataV1, D.ContractAwardedDataVersion1>>();
agree<Same<C.ContractAmendedDataV1, D.ContractAmendedDataVersion1>>();
agree<Same<C.ContractTerminatedDataV1, D.ContractTerminatedDataVersion1>>();
agree<Same<C.EquipmentReplacedDataV1, D.EquipmentReplacedDataVersion1>>();
agree<Same<C.CompetingOfferObservedDataV1, D.CompetingOfferObservedDataVersion1>>();
// The domain keeps ContractAmended v2 private; it is v3 with a version-1 `changes`.
agree<
  Same<
    C.ContractAmendedDataV2,
    Omit<D.ContractAmendedData, 'changes'> & Pick<D.ContractAmendedDataVersion1, 'changes'>
  >
>();
// EntryCorrected v1 and v2 have one shape (only the units of money inside `changes` differ).
agree<Same<C.EntryCorrectedDataV1, Targeting<D.EntryCorrectedDataVersion2>>>();
agree<Same<C.EntryCorrectedDataV2, Targeting<D.EntryCorrectedDataVersion2>>>();
// The check itself fails when the types differ: a field missing, a field's type widened.
// @ts-expect-error a field the contract has and the domain type lacks
agree<Same<C.EnvoyMeetingHeldData, Omit<D.EnvoyMeetingHeldData, 'summary'>>>();
type WiderLevel = Omit<D.DialogueRoundConcludedData, 'level'> & { readonly level: string };
// @ts-expect-error an enumeration wider in one than in the other
agree<Same<C.DialogueRoundConcludedData, WiderLevel>>();
// @ts-expect-error an old version is not the new one
agree<Same<C.ContractAwardedDataV1, D.ContractAwardedData>>();

const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let nextId = 0;
const uuid = () => UUID(++nextId);

/** A stream recorded the way the API records it: decided against its corrected history, with UUID event ids. */
class Stream<Cmd, E extends D.DomainEvent, S> {
  readonly events: D.RecordedEvent[] = [];
  constructor(
    readonly streamId: string,
    private readonly decider: D.Decider<Cmd, E, S>,
  ) {}

  record(recordedAt: string, command: (metadata: D.CommandMetadata) => Cmd): D.RecordedEvent {
    const state = D.fold(this.decider, D.applyCorrections(this.events) as unknown as E[]);
    this.append(this.decider.decide(command(metadataAt(recordedAt)), state), recordedAt);
    return this.events.at(-1) as D.RecordedEvent;
  }

  correct(recordedAt: string, target: D.RecordedEvent, changes: Record<string, unknown>): D.RecordedEvent {
    const command = {
      type: 'CorrectEntry',
      targetEventId: target.eventId,
      changes,
      reason: 'Wrong.',
    } as const;
    this.append(
      D.decideCorrection({ ...command, metadata: metadataAt(recordedAt) }, this.events),
      recordedAt,
    );
    return this.events.at(-1) as D.RecordedEvent;
  }

  retract(recordedAt: string, target: D.RecordedEvent): D.RecordedEvent {
    const command = {
      type: 'RetractEntry',
      targetEventId: target.eventId,
      reason: 'Never happened.',
    } as const;
    this.append(
      D.decideCorrection({ ...command, metadata: metadataAt(recordedAt) }, this.events),
      recordedAt,
    );
    return this.events.at(-1) as D.RecordedEvent;
  }

  private append(events: readonly D.DomainEvent[], recordedAt: string): void {
    for (const event of events) {
      this.events.push({
        ...event,
        eventId: uuid(),
        streamId: this.streamId,
        streamVersion: this.events.length + 1,
        globalPosition: String(nextId),
        recordedAt: new Date(recordedAt).toISOString(),
        recordedBy: 'desk.officer@example.gov',
        correlationId: UUID(999),
        causationId: null,
      });
    }
  }
}

function metadataAt(recordedAt: string): D.CommandMetadata {
  return {
    recordedAt: new Date(recordedAt),
    recordedBy: 'desk.officer@example.gov',
    correlationId: UUID(999),
    causationId: null,
  };
}

const entry = (occurredAt: string) =>
  ({
    country: 'SY',
    occurredAt: new Date(occurredAt),
    classification: 'confidential',
    source: null,
    confidence: null,
  }) as const;
const step = (occurredAt: string) =>
  ({ occurredAt: new Date(occurredAt), source: 'A cable.', confidence: 'high' }) as const;
const huawei = { vendorId: 'huawei', vendorName: 'Huawei', vendorOrigin: 'CN', vendorHighRisk: true };
const ericsson = { vendorId: 'ericsson', vendorName: 'Ericsson', vendorOrigin: 'SE', vendorHighRisk: false };
const envoy = { name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' };
const minister = { name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' };

/** Every stream of a synthetic campaign, each event decided by its stream's decider. */
function campaign(): D.RecordedEvent[] {
  const T = '2026-03-01T09:00:00Z';
  const vendor = new Stream(D.vendorStreamId('huawei'), D.vendorDecider);
  vendor.record(T, (metadata) => ({
    type: 'RegisterVendor',
    occurredAt: new Date('2020-01-01T00:00:00Z'),
    vendor: { vendorId: 'huawei', name: 'Huawei', origin: 'CN', highRisk: false, riskBasis: null },
    metadata,
  }));
  vendor.record(T, (metadata) => ({
    type: 'ReclassifyVendorRisk',
    occurredAt: new Date('2021-01-01T00:00:00Z'),
    highRisk: true,
    riskBasis: 'US FCC Covered List',
    metadata,
  }));

  const meetingId = uuid();
  const meeting = new Stream(D.engagementStreamId(meetingId), D.engagementDecider);
  const held = meeting.record(T, (metadata) => ({
    type: 'RecordEnvoyMeeting',
    ...entry('2026-02-09T10:00:00Z'),
    meeting: {
      meetingId,
      location: 'Damascus',
      envoys: [envoy],
      counterparts: [minister],
      topics: ['telecom reform'],
      concerns: ['network-vulnerability', 'cost-and-financing'],
      vendorsDiscussed: ['Huawei'],
      summary: 'Synthetic.',
      outcome: 'Open to a technical review.',
      nextSteps: ['Share a roadmap'],
    },
    metadata,
  }));
  meeting.correct(T, held, {
    summary: 'Synthetic, corrected.',
    occurredAt: '2026-02-09T11:00:00Z',
    source: null,
  });

  const engagementId = uuid();
  const dialogue = new Stream(D.engagementStreamId(engagementId), D.engagementDecider);
  dialogue.record(T, (metadata) => ({
    type: 'RecordDialogueRound',
    ...entry('2026-02-10T10:00:00Z'),
    dialogue: {
      engagementId,
      track: 'Digital connectivity',
      round: 2,
      level: 'ministerial',
      location: 'Amman',
      coChairs: [envoy, minister],
      agenda: ['5G'],
      jointStatement: null,
      deliverables: ['A review'],
      topics: [],
      concerns: ['other'],
      vendorsDiscussed: [],
      summary: 'Synthetic.',
    },
    metadata,
  }));

  const followUpId = uuid();
  const followUp = new Stream(D.followUpStreamId(followUpId), D.followUpDecider);
  followUp.record(T, (metadata) => ({
    type: 'AssignFollowUp',
    ...entry('2026-02-09T12:00:00Z'),
    followUp: {
      followUpId,
      sourceEventId: held.eventId,
      sourceStreamId: held.streamId,
      owner: 'desk.officer.sy',
      dueDate: '2026-03-31',
      action: 'Send the roadmap.',
    },
    sourceOccurredAt: held.occurredAt,
    metadata,
  }));
  followUp.record(T, (metadata) => ({
    type: 'CompleteFollowUp',
    ...step('2026-02-20T09:00:00Z'),
    note: 'Sent.',
    metadata,
  }));

  const offers = (
    ['AcceptIncentive', 'DeclineIncentive', 'WithdrawIncentive', 'ExpireIncentive'] as const
  ).map((closing, index) => {
    const offerId = uuid();
    const offer = new Stream(D.incentiveStreamId(offerId), D.incentiveDecider);
    const offered = offer.record(T, (metadata) => ({
      type: 'OfferIncentive',
      ...entry('2026-01-05T09:00:00Z'),
      offer: {
        offerId,
        instrument: D.INCENTIVE_INSTRUMENTS[index] ?? 'loan',
        agency: 'DFC',
        amount: index === 1 ? null : D.parseMoney('1500000.50', 'USD'),
        conditions: ['No high-risk vendors in the core'],
        expiresOn: closing === 'ExpireIncentive' ? '2026-01-31' : null,
        description: 'Synthetic.',
      },
      metadata,
    }));
    if (index === 0) {
      offer.record(T, (metadata) => ({
        type: 'AmendIncentiveTerms',
        ...step('2026-01-10T09:00:00Z'),
        changes: { amount: D.parseMoney('2000000', 'USD'), expiresOn: '2026-12-31' },
        reason: 'Raised.',
        metadata,
      }));
      offer.correct(T, offered, { amount: D.parseMoney('1600000', 'USD'), confidence: 'low' });
    }
    offer.record(T, (metadata) => ({
      type: closing,
      ...step('2026-02-15T09:00:00Z'),
      note: 'Done.',
      metadata,
    }));
    return offer;
  });

  const supportId = uuid();
  const support = new Stream(D.technicalSupportStreamId(supportId), D.technicalSupportDecider);
  const committed = support.record(T, (metadata) => ({
    type: 'CommitTechnicalSupport',
    ...entry('2026-01-05T09:00:00Z'),
    support: {
      supportId,
      supportType: 'network-audit',
      provider: 'CISA',
      beneficiary: 'Ministry of Communications',
      period: { start: '2026-01-05', end: '2026-06-30' },
      budget: D.parseMoney('250000', 'USD'),
      description: 'Synthetic.',
    },
    metadata,
  }));
  support.record(T, (metadata) => ({
    type: 'DeliverMilestone',
    ...step('2026-02-01T09:00:00Z'),
    milestone: 'Audit report',
    note: 'Delivered.',
    metadata,
  }));
  support.correct(T, committed, { period: { start: '2026-01-05', end: null } });
  support.record(T, (metadata) => ({
    type: 'CloseTechnicalSupport',
    ...step('2026-02-20T09:00:00Z'),
    outcome: 'completed',
    note: 'Done.',
    metadata,
  }));

  const contractId = uuid();
  const contract = new Stream(D.contractStreamId(contractId), D.contractDecider);
  contract.record(T, (metadata) => ({
    type: 'AwardContract',
    ...entry('2025-01-15T00:00:00Z'),
    contract: {
      ...huawei,
      contractId,
      operator: 'Syriatel',
      domain: 'ran',
      generation: '4G',
      units: 600,
      unitKind: 'sites',
      value: D.parseMoney('6000000', 'USD'),
      financing: null,
      period: { start: '2025-01-15', end: null },
      description: 'Synthetic.',
    },
    metadata,
  }));
  contract.record(T, (metadata) => ({
    type: 'ReplaceEquipment',
    ...step('2025-06-01T00:00:00Z'),
    fromVendorId: 'huawei',
    to: ericsson,
    units: 200,
    value: null,
    note: 'Rip and replace, phase 1.',
    metadata,
  }));
  const amendment = contract.record(T, (metadata) => ({
    type: 'AmendContract',
    ...step('2025-09-01T00:00:00Z'),
    changes: { units: 700, value: D.parseMoney('7000000', 'USD') },
    unitsVendorId: null,
    reason: 'Scope grew.',
    metadata,
  }));
  contract.retract(T, amendment);
  contract.record(T, (metadata) => ({
    type: 'TerminateContract',
    ...step('2026-01-10T00:00:00Z'),
    reason: 'Replaced.',
    equipment: 'decommissioned',
    swappedInEquipment: 'in-service',
    metadata,
  }));

  const responseId = uuid();
  const response = new Stream(D.observationStreamId(responseId), D.observationDecider);
  const observed = response.record(T, (metadata) => ({
    type: 'ObserveCountryResponse',
    ...entry('2026-02-26T09:00:00Z'),
    response: {
      observationId: responseId,
      stance: 'receptive',
      speaker: minister,
      quote: null,
      channel: 'media',
      topics: ['vendor diversity'],
      vendorsMentioned: ['Huawei'],
      summary: 'Synthetic.',
    },
    metadata,
  }));
  response.correct(T, observed, { stance: 'committed', speaker: { ...minister, title: 'Deputy Minister' } });

  const offerId = uuid();
  const rival = new Stream(D.observationStreamId(offerId), D.observationDecider);
  const rivalOffer = rival.record(T, (metadata) => ({
    type: 'ObserveCompetingOffer',
    ...entry('2026-02-27T09:00:00Z'),
    offer: {
      observationId: offerId,
      rival: { kind: 'state', name: 'A rival state' },
      vendorsInvolved: ['Huawei'],
      financing: 'Concessional loan',
      amount: D.parseMoney('100000000', 'USD'),
      bundle: ['5G core'],
      summary: 'Synthetic.',
    },
    metadata,
  }));
  rival.retract(T, rivalOffer);

  return [vendor, meeting, dialogue, followUp, ...offers, support, contract, response, rival].flatMap(
    (s) => s.events,
  );
}

describe('the contract agrees with the domain', () => {
  const events = campaign();

  it('has an event of every type, and corrections and retractions of several kinds', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(D.EVENT_TYPES));
    const targets = (type: string) =>
      new Set(
        events.filter((e) => e.type === type).map((e) => (e.data as { targetType: string }).targetType),
      );
    expect(targets(D.ENTRY_CORRECTED).size).toBeGreaterThanOrEqual(4);
    expect(targets(D.ENTRY_RETRACTED).size).toBeGreaterThanOrEqual(2);
  });

  it.each(events.map((e) => [`${e.type} v${e.schemaVersion} (${e.streamId})`, e] as const))(
    'validates %s against its schema (Ajv, strict)',
    (_name, event) => {
      expect(event.schemaVersion).toBe(C.newestSchemaVersion(event.type));
      expect(C.validateEventData(event.type, event.schemaVersion, event.data)).toEqual({ ok: true });
    },
  );

  it('validates old versions as the domain upcasts them from', () => {
    const v1 = {
      type: D.CONTRACT_AWARDED,
      schemaVersion: 1,
      data: {
        ...huawei,
        contractId: UUID(1),
        operator: 'Syriatel',
        domain: 'core',
        generation: '4G',
        units: 1,
        unitKind: 'units',
        value: { amount: 1500000.5, currency: 'USD' },
        financing: null,
        period: { start: '2025-01-15', end: '2025-12-31' },
        description: 'Synthetic.',
      },
    };
    expect(C.validateEventData(v1.type, 1, v1.data)).toEqual({ ok: true });
    const upcast = D.upcast(v1);
    expect(C.validateEventData(upcast.type, upcast.schemaVersion, upcast.data)).toEqual({ ok: true });
    expect(C.validateEventData(v1.type, 2, v1.data).ok).toBe(false);
  });

  it('refuses wrong data: a missing field, an extra one, a bad format or enumeration, an unknown type or version', () => {
    const meeting = events.find((e) => e.type === D.ENVOY_MEETING_HELD) as D.RecordedEvent;
    const data = meeting.data as Record<string, unknown>;
    const { summary: _summary, ...withoutSummary } = data;
    const refusals: [string, number, unknown, RegExp][] = [
      [meeting.type, 1, withoutSummary, /required property 'summary'/],
      [meeting.type, 1, { ...data, secret: 'x' }, /additional properties \(secret\)/],
      [meeting.type, 1, { ...data, meetingId: 'm-1' }, /\/meetingId must match format "uuid"/],
      [
        meeting.type,
        1,
        { ...data, concerns: ['bribery'] },
        /\/concerns\/0 must be equal to one of the allowed values/,
      ],
      [meeting.type, 1, { ...data, envoys: [] }, /\/envoys must NOT have fewer than 1 items/],
      [meeting.type, 2, data, /no schema for EnvoyMeetingHeld at schema version 2/],
      ['MeetingHeld', 1, data, /no schema for MeetingHeld/],
      [D.INCENTIVE_OFFERED, 2, { amount: { amount: 1, currency: 'USD' } }, /\/amount/],
    ];
    for (const [type, version, wrong, message] of refusals) {
      const result = C.validateEventData(type, version, wrong);
      expect(result.ok).toBe(false);
      expect(result.ok ? [] : result.errors.join('\n')).toMatch(message);
      expect(() => C.assertEventData(type, version, wrong)).toThrow(C.InvalidEventDataError);
    }
    expect(() => C.assertEventData(meeting.type, 1, data)).not.toThrow();
  });

  it('has a schema for each version 1..newest of every type in the catalogue, and the same newest', () => {
    expect([...C.EVENT_TYPE_NAMES].sort()).toEqual([...D.EVENT_TYPES].sort());
    for (const [type, newest] of Object.entries(D.EVENT_CATALOGUE)) {
      expect([type, C.newestSchemaVersion(type)]).toEqual([type, newest]);
      for (let version = 1; version <= newest; version += 1) {
        expect([
          type,
          version,
          (C.eventDataSchema(type, version) as { $id?: string } | undefined)?.$id,
        ]).toEqual([type, version, C.dataSchemaPath(type, version)]);
      }
      expect(C.eventDataSchema(type, newest + 1)).toBeUndefined();
      expect(C.eventDataSchema(type, 0)).toBeUndefined();
    }
    expect(C.newestSchemaVersion('NoSuchEvent')).toBeUndefined();
  });

  it("copies the domain's lists of values exactly", () => {
    expect(C.CONCERNS).toEqual(D.CONCERNS);
    expect(C.DIALOGUE_LEVELS).toEqual(D.DIALOGUE_LEVELS);
    expect(C.INCENTIVE_INSTRUMENTS).toEqual(D.INCENTIVE_INSTRUMENTS);
    expect(C.SUPPORT_TYPES).toEqual(D.SUPPORT_TYPES);
    expect(C.SUPPORT_OUTCOMES).toEqual(D.SUPPORT_OUTCOMES);
    expect(C.TERMINATION_EQUIPMENT).toEqual(D.TERMINATION_EQUIPMENT);
    expect(C.STANCES).toEqual(D.STANCES);
    expect(C.RESPONSE_CHANNELS).toEqual(D.RESPONSE_CHANNELS);
    expect(C.RIVAL_KINDS).toEqual(D.RIVAL_KINDS);
    expect(C.UNIT_KINDS).toEqual(D.UNIT_KINDS);
    expect([...C.CORRECTABLE_TYPES].sort()).toEqual(Object.keys(D.CORRECTABLE_FIELDS).sort());
  });
});
