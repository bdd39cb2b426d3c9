import type {
  ContractItem,
  FollowUpItem,
  IncentiveOfferItem,
  TechnicalSupportItem,
} from '../../../apps/web/src/api/types.js';
import {
  contractsAsOf,
  endOfUtcDay,
  followUpsAsOf,
  formatMoney,
  offersAsOf,
  openFirst,
  supportAsOf,
} from '../../../apps/web/src/country/open-items.js';

const header = {
  streamId: 's',
  version: 1,
  country: 'SY',
  classification: 'unclassified' as const,
  source: null,
  confidence: null,
};

const offer = (over: Partial<IncentiveOfferItem>): IncentiveOfferItem => ({
  ...header,
  id: 'offer',
  status: 'offered',
  occurredAt: '2025-09-01T10:00:00.000Z',
  lapsed: false,
  instrument: 'financing',
  agency: 'DFC',
  description: 'Financing',
  amount: null,
  conditions: [],
  expiresOn: '2026-06-30',
  closedAt: null,
  amendments: 0,
  ...over,
});

const followUp = (over: Partial<FollowUpItem>): FollowUpItem => ({
  ...header,
  id: 'f',
  status: 'open',
  occurredAt: '2026-03-26T10:00:00.000Z',
  owner: 'Cyber policy office',
  action: 'Workshop',
  dueDate: '2026-09-30',
  overdue: true,
  sourceEventId: 'e',
  completedAt: null,
  note: null,
  ...over,
});

describe('open items as of a date', () => {
  it('reads the end of an as-of day in UTC', () => {
    expect(new Date(endOfUtcDay('2026-06-01')).toISOString()).toBe('2026-06-01T23:59:59.999Z');
  });

  it('shows everything as served when no date is asked for', () => {
    const accepted = offer({ status: 'accepted', closedAt: '2026-05-02T10:00:00.000Z' });
    expect(offersAsOf([accepted]).map((o) => [o.status, o.open])).toEqual([['accepted', false]]);
    expect(followUpsAsOf([followUp({})]).map((f) => [f.overdue, f.open])).toEqual([[true, true]]);
  });

  it('leaves out what had not happened yet, and reopens an offer closed later', () => {
    const accepted = offer({ status: 'accepted', closedAt: '2026-05-02T10:00:00.000Z' });
    const later = offer({ id: 'later', occurredAt: '2026-09-15T10:00:00.000Z' });
    expect(offersAsOf([accepted, later], '2026-05-01').map((o) => [o.id, o.status, o.open])).toEqual([
      ['offer', 'offered', true],
    ]);
    expect(offersAsOf([accepted], '2026-05-02').map((o) => [o.status, o.open])).toEqual([
      ['accepted', false],
    ]);
  });

  it('reads an open offer past its expiry as lapsed on the day asked about', () => {
    const open = offer({ expiresOn: '2026-03-31' });
    expect(offersAsOf([open], '2026-03-31').map((o) => o.status)).toEqual(['offered']);
    expect(offersAsOf([open], '2026-04-01').map((o) => [o.status, o.lapsed, o.open])).toEqual([
      ['expired', true, false],
    ]);
  });

  it('judges a follow-up overdue against the as-of day, and done only once completed by then', () => {
    const workshop = followUp({});
    expect(followUpsAsOf([workshop], '2026-06-01').map((f) => [f.overdue, f.open])).toEqual([[false, true]]);
    expect(followUpsAsOf([workshop], '2026-10-01').map((f) => [f.overdue, f.open])).toEqual([[true, true]]);
    const done = followUp({
      status: 'done',
      overdue: false,
      occurredAt: '2026-02-25T10:00:00.000Z',
      dueDate: '2026-03-15',
      completedAt: '2026-03-10T10:00:00.000Z',
      note: 'Shared',
    });
    expect(followUpsAsOf([done], '2026-03-09').map((f) => [f.status, f.note, f.open])).toEqual([
      ['open', null, true],
    ]);
    expect(followUpsAsOf([done], '2026-03-10').map((f) => [f.status, f.open])).toEqual([['done', false]]);
  });

  it('keeps only the milestones delivered by then, and contracts terminated later as active', () => {
    const support = {
      ...header,
      id: 't',
      status: 'closed',
      occurredAt: '2025-07-01T10:00:00.000Z',
      supportType: 'network-audit',
      provider: 'Team',
      beneficiary: 'Ministry',
      description: 'Audit',
      period: { start: '2025-07-01', end: '2025-12-31' },
      budget: null,
      milestones: [{ milestone: 'Report', deliveredAt: '2025-09-30T10:00:00.000Z', note: '' }],
      outcome: 'completed',
      closedAt: '2026-01-15T10:00:00.000Z',
    } as TechnicalSupportItem;
    expect(
      supportAsOf([support], '2025-08-01').map((s) => [s.status, s.outcome, s.milestones.length, s.open]),
    ).toEqual([['active', null, 0, true]]);
    expect(supportAsOf([support], '2026-02-01').map((s) => [s.status, s.milestones.length, s.open])).toEqual([
      ['closed', 1, false],
    ]);
    const contract = {
      ...header,
      id: 'c',
      status: 'terminated',
      occurredAt: '2023-07-01T10:00:00.000Z',
      terminatedAt: '2026-07-01T10:00:00.000Z',
    } as ContractItem;
    expect(contractsAsOf([contract], '2026-06-01').map((c) => [c.status, c.open])).toEqual([
      ['active', true],
    ]);
    expect(contractsAsOf([contract], '2026-07-01').map((c) => [c.status, c.open])).toEqual([
      ['terminated', false],
    ]);
    expect(contractsAsOf([contract], '2023-06-30')).toEqual([]);
  });

  it('puts open items first, soonest due first, then the rest newest first', () => {
    const items = [
      { id: 'closed-old', open: false, occurredAt: '2024-01-01', due: null },
      { id: 'open-late', open: true, occurredAt: '2025-01-01', due: '2026-12-31' },
      { id: 'closed-new', open: false, occurredAt: '2025-06-01', due: null },
      { id: 'open-none', open: true, occurredAt: '2025-02-01', due: null },
      { id: 'open-soon', open: true, occurredAt: '2025-03-01', due: '2026-01-31' },
    ];
    expect(openFirst(items, (i) => i.due).map((i) => i.id)).toEqual([
      'open-soon',
      'open-late',
      'open-none',
      'closed-new',
      'closed-old',
    ]);
  });

  it('formats register money compactly in its currency', () => {
    expect(formatMoney({ amount: '175000000.00', minor: '17500000000', currency: 'USD' })).toBe('$175M');
    expect(formatMoney({ minor: '150000', currency: 'USD' })).toBe('$1.5K');
    expect(formatMoney(null)).toBeNull();
  });
});
