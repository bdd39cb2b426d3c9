import type { DerivedEvent, EventEnvelope } from '#contracts';
import { alertId, webhookReceives } from './alert-store.js';
import type { Webhook } from './config.js';
import { contractNeeded, outcomeOf, type TopicRecord } from './rules.js';
import { nextAttemptInMs, webhookSignature } from './webhook-delivery.js';

function event(type: string, data: unknown, overrides: Partial<EventEnvelope> = {}): TopicRecord {
  return {
    kind: 'event',
    event: {
      eventId: '11111111-1111-4111-8111-111111111111',
      type,
      schemaVersion: 2,
      streamId: 'contract-c1',
      streamVersion: 1,
      globalPosition: '7',
      country: 'SY',
      classification: 'restricted',
      occurredAt: '2026-02-01T00:00:00.000Z',
      recordedAt: '2026-02-02T00:00:00.000Z',
      recordedBy: 'desk.officer.sy',
      correlationId: 'c',
      causationId: null,
      source: null,
      confidence: null,
      data,
      ...overrides,
    },
  };
}

function derived(type: DerivedEvent['type'], data: unknown): TopicRecord {
  return {
    kind: 'derived',
    event: {
      id: '22222222-2222-4222-8222-222222222222',
      type,
      schemaVersion: 1,
      country: 'SY',
      classification: 'secret',
      time: '2026-03-02T00:00:00.000Z',
      derivedAt: '2026-03-10T08:00:00.000Z',
      subject: 'SY/core/units',
      data,
    } as DerivedEvent,
  };
}

const awarded = (domain: string, vendorHighRisk: boolean) =>
  event('ContractAwarded', {
    contractId: 'c1',
    vendorId: 'huawei',
    vendorName: 'Huawei',
    vendorOrigin: 'CN',
    vendorHighRisk,
    operator: 'Syriatel',
    domain,
    generation: '5G',
    units: 40,
    unitKind: 'units',
    value: null,
    financing: null,
    period: { start: '2026-02-01', end: '2030-01-31' },
    description: 'Synthetic.',
  });

const share = (direction: 'rose' | 'fell', previous: number | null, now: number) =>
  derived('HighRiskShareChanged', {
    country: 'SY',
    domain: 'core',
    unitKind: 'units',
    previousSharePercent: previous,
    sharePercent: now,
    direction,
    total: 100,
    hhi: 5000,
    highRiskInCore: true,
    highRiskVendors: [{ vendorId: 'huawei', name: 'Huawei', sharePercent: now }],
  });

describe('alert rules', () => {
  it('raises an alert when a high-risk vendor is awarded a core contract, and remembers every contract', () => {
    const core = outcomeOf(awarded('core', true));
    expect(core.alerts).toEqual([
      expect.objectContaining({
        rule: 'high-risk-vendor-in-core',
        country: 'SY',
        classification: 'restricted',
        subject: 'c1',
        occurredAt: '2026-02-01T00:00:00.000Z',
        sourceType: 'ContractAwarded',
      }),
    ]);
    expect(core.alerts[0]?.title).toMatch(/Huawei enters SY's core network/);
    expect(core.contract).toEqual({
      contractId: 'c1',
      country: 'SY',
      domain: 'core',
      classification: 'restricted',
    });
    expect(outcomeOf(awarded('ran', true)).alerts).toEqual([]);
    expect(outcomeOf(awarded('core', false)).alerts).toEqual([]);
    expect(outcomeOf(awarded('ran', true)).contract?.domain).toBe('ran');
  });

  it('judges a replacement by the domain of its contract', () => {
    const replaced = event('EquipmentReplaced', {
      contractId: 'c1',
      fromVendorId: 'nokia',
      to: { vendorId: 'zte', vendorName: 'ZTE', vendorOrigin: 'CN', vendorHighRisk: true },
      units: 5,
      value: null,
      note: 'Synthetic.',
    });
    expect(contractNeeded(replaced)).toBe('c1');
    const core = { contractId: 'c1', country: 'SY', domain: 'core', classification: 'restricted' };
    expect(outcomeOf(replaced, core).alerts.map((a) => a.rule)).toEqual(['high-risk-vendor-in-core']);
    expect(outcomeOf(replaced, { ...core, domain: 'ran' }).alerts).toEqual([]);
    // A contract it never saw awarded (a level it cannot read): nothing to judge by.
    expect(outcomeOf(replaced, undefined).alerts).toEqual([]);
  });

  it('raises on a rising high-risk share only', () => {
    expect(outcomeOf(share('rose', 20, 35)).alerts[0]).toMatchObject({
      rule: 'high-risk-share-rose',
      classification: 'secret',
      subject: 'SY/core/units',
      title: "High-risk share of SY's core (units) rose from 20% to 35%",
    });
    expect(outcomeOf(share('rose', null, 35)).alerts[0]?.title).toBe(
      "High-risk share of SY's core (units) rose to 35%",
    );
    expect(outcomeOf(share('fell', 35, 20)).alerts).toEqual([]);
  });

  it('raises on an overdue follow-up and an expiring offer', () => {
    const overdue = derived('FollowUpBecameOverdue', {
      followUpId: '33333333-3333-4333-8333-333333333333',
      country: 'SY',
      sourceEventId: '44444444-4444-4444-8444-444444444444',
      owner: 'desk.officer.sy',
      action: 'Send the roadmap.',
      dueDate: '2026-03-01',
    });
    expect(outcomeOf(overdue).alerts[0]?.rule).toBe('follow-up-overdue');
    const expiring = derived('OfferExpiring', {
      offerId: '55555555-5555-4555-8555-555555555555',
      country: 'SY',
      expiresOn: '2026-03-20',
      daysLeft: 1,
      agency: 'DFC',
      description: 'Loan.',
    });
    expect(outcomeOf(expiring).alerts[0]).toMatchObject({
      rule: 'offer-expiring',
      title: 'Offer expires 2026-03-20 (1 day left): Loan. (DFC)',
    });
  });

  it('withdraws the alerts of a retracted event, and ignores what no rule is about', () => {
    const retracted = event('EntryRetracted', {
      targetEventId: '11111111-1111-4111-8111-111111111111',
      targetType: 'ContractAwarded',
      reason: 'Recorded in error.',
    });
    expect(outcomeOf(retracted)).toEqual({
      alerts: [],
      retractedEventId: '11111111-1111-4111-8111-111111111111',
    });
    expect(outcomeOf(event('EnvoyMeetingHeld', {}))).toEqual({ alerts: [] });
  });
});

describe('alert ids', () => {
  it('are UUIDs fixed by the rule and the source record', () => {
    const id = alertId('offer-expiring', 'a');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(alertId('offer-expiring', 'a')).toBe(id);
    expect(alertId('offer-expiring', 'b')).not.toBe(id);
    expect(alertId('follow-up-overdue', 'a')).not.toBe(id);
  });
});

describe('webhooks', () => {
  const hook: Webhook = {
    name: 'ops',
    url: 'http://127.0.0.1/',
    secret: 'a-secret-of-16-chars',
    clearance: 'confidential',
    countries: ['SY'],
  };

  it('receive the levels up to their clearance, of their countries', () => {
    expect(webhookReceives(hook, { classification: 'confidential', country: 'SY' })).toBe(true);
    expect(webhookReceives(hook, { classification: 'secret', country: 'SY' })).toBe(false);
    expect(webhookReceives(hook, { classification: 'unclassified', country: 'IQ' })).toBe(false);
    expect(
      webhookReceives({ ...hook, countries: 'all' }, { classification: 'restricted', country: 'IQ' }),
    ).toBe(true);
  });

  it('sign "<timestamp>.<body>" with HMAC-SHA256 (a known vector)', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'a-secret-of-16-chars'
    expect(webhookSignature('a-secret-of-16-chars', '1700000000', '{"a":1}')).toBe(
      'sha256=966dfd9e7287134bae9078b9ca8cad81556798be645cd07bef60884b917d8d01',
    );
  });

  it('back off exponentially up to the cap, then give up', () => {
    const policy = { maxAttempts: 5, backoffMs: 1_000, maxBackoffMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => nextAttemptInMs(n, policy))).toEqual([
      1_000,
      2_000,
      4_000,
      5_000,
      null,
    ]);
  });
});
