import {
  backoff,
  correctionBody,
  correctionPrefill,
  defaultValues,
  differences,
  displayValue,
  type FieldSpec,
  fieldOf,
  formPath,
  placeErrors,
  problemErrors,
  toBody,
  utcInstant,
  versionOf,
} from '../../../apps/web/src/forms/spec.js';

const MEETING: FieldSpec[] = [
  { name: 'occurredAt', label: 'When', kind: 'datetime', required: true },
  { name: 'location', label: 'Location', kind: 'text', required: true },
  { name: 'envoys', label: 'Envoys', kind: 'people', required: true },
  { name: 'topics', label: 'Topics', kind: 'strings', whenEmpty: 'empty' },
  { name: 'concerns', label: 'Concerns', kind: 'checkboxes' },
  { name: 'outcome', label: 'Outcome', kind: 'textarea', whenEmpty: 'empty' },
  { name: 'source', label: 'Source', kind: 'text' },
  { name: 'round', label: 'Round', kind: 'number' },
  { name: 'amount', label: 'Amount', kind: 'money', whenEmpty: 'null' },
  { name: 'period', label: 'Period', kind: 'period', required: true },
];

describe('form values to a request body', () => {
  it('sends each field at its path as the DTO takes it, dropping empty rows and empty optional fields', () => {
    const values = defaultValues(MEETING);
    values.occurredAt = '2026-03-04T10:30';
    values.location = '  Damascus ';
    values.envoys = [
      { name: 'A. Envoy', title: 'Special Envoy', organisation: 'State' },
      { name: '', title: '', organisation: '' },
    ];
    values.topics = [{ value: 'telecom' }, { value: ' ' }, { value: 'cyber' }];
    values.concerns = ['data-security'];
    values.round = '2';
    values.period = { start: '2026-01-01', end: '' };
    expect(toBody(MEETING, values)).toEqual({
      occurredAt: '2026-03-04T10:30:00Z',
      location: 'Damascus',
      envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'State' }],
      topics: ['telecom', 'cyber'],
      concerns: ['data-security'],
      outcome: '',
      round: 2,
      amount: null,
      period: { start: '2026-01-01', end: null },
    });
  });

  it('leaves what the server must refuse for it to refuse: empty required fields are sent empty', () => {
    const body = toBody(MEETING, defaultValues(MEETING));
    expect(body.location).toBe('');
    expect(body.envoys).toEqual([]);
    expect(body.occurredAt).toBe('');
    expect(body).not.toHaveProperty('round');
    expect(body).not.toHaveProperty('source');
  });

  it('nests dotted names and upper-cases currencies', () => {
    const fields: FieldSpec[] = [
      { name: 'changes.description', label: 'New description', kind: 'textarea' },
      { name: 'changes.amount', label: 'New amount', kind: 'money' },
      { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
      { name: 'vendor', label: 'Vendor', kind: 'text', notInBody: true },
    ];
    const values = defaultValues(fields);
    values.changes = { description: '', amount: { amount: '12.50', currency: 'usd' } };
    values.reason = 'Revised';
    values.vendor = 'huawei';
    expect(toBody(fields, values)).toEqual({
      changes: { amount: { amount: '12.50', currency: 'USD' } },
      reason: 'Revised',
    });
  });

  it('leaves a classification to the server’s default when the form offers that choice', () => {
    const own: FieldSpec[] = [{ name: 'classification', label: 'Classification', kind: 'classification' }];
    const inherited: FieldSpec[] = [
      {
        ...own[0],
        name: 'classification',
        emptyLabel: 'Same as the engagement',
        whenEmpty: 'omit',
      } as FieldSpec,
    ];
    expect(toBody(own, defaultValues(own))).toEqual({ classification: 'unclassified' });
    expect(toBody(inherited, defaultValues(inherited))).toEqual({});
    expect(toBody(inherited, { classification: 'secret' })).toEqual({ classification: 'secret' });
  });

  it('reads a datetime-local value as UTC', () => {
    expect(utcInstant('2026-02-10T10:00')).toBe('2026-02-10T10:00:00Z');
    expect(utcInstant('2026-02-10T10:00:30')).toBe('2026-02-10T10:00:30Z');
    expect(utcInstant('yesterday')).toBe('yesterday');
  });
});

describe('server field errors on the form', () => {
  it('turns the server’s paths into the form’s and finds the field each belongs to', () => {
    expect(formPath('envoys[0].name')).toBe('envoys.0.name');
    expect(formPath('changes.period.start')).toBe('changes.period.start');
    expect(fieldOf(MEETING, 'envoys[1].title')?.name).toBe('envoys');
    expect(fieldOf(MEETING, 'location')?.name).toBe('location');
    expect(fieldOf(MEETING, 'Idempotency-Key')).toBeUndefined();
    expect(
      placeErrors(MEETING, [
        { field: 'envoys[0].name', message: 'name should not be empty' },
        { field: 'summary', message: 'summary should not be empty' },
      ]),
    ).toEqual([
      { path: 'envoys.0.name', field: 'envoys', message: 'name should not be empty' },
      { path: 'summary', field: undefined, message: 'summary should not be empty' },
    ]);
  });
});

describe('domain refusals on the form', () => {
  it('places a rule the server names by code on the field it is about, and passes field errors through', () => {
    const problem = {
      type: 'about:blank',
      title: 'Refused',
      status: 422,
      code: 'OCCURRED_IN_FUTURE',
      detail: 'Not yet.',
    };
    expect(problemErrors(problem, MEETING)).toEqual([{ field: 'occurredAt', message: 'Not yet.' }]);
    expect(problemErrors({ ...problem, code: 'SAME_VENDOR' }, MEETING)).toEqual([]);
    expect(problemErrors({ ...problem, code: undefined }, MEETING)).toEqual([]);
    const invalid = { ...problem, status: 400, errors: [{ field: 'location', message: 'too long' }] };
    expect(problemErrors(invalid, MEETING)).toEqual([{ field: 'location', message: 'too long' }]);
    expect(problemErrors(null, MEETING)).toEqual([]);
  });
});

describe('corrections', () => {
  const fields: FieldSpec[] = [
    { name: 'changes.occurredAt', label: 'When', kind: 'datetime' },
    { name: 'changes.source', label: 'Source', kind: 'text' },
    { name: 'changes.location', label: 'Location', kind: 'text' },
    { name: 'changes.topics', label: 'Topics', kind: 'strings' },
    { name: 'changes.amount', label: 'Amount', kind: 'money' },
    { name: 'reason', label: 'Reason', kind: 'textarea', required: true },
  ];
  const entry = {
    occurredAt: '2026-02-10T10:00:00.000Z',
    source: null,
    confidence: null,
    data: { location: 'Damascus', topics: ['telecom'], amount: { minor: 100, currency: 'USD' } },
  };

  it('starts from the entry as it reads, and sends only what was changed', () => {
    const initial = defaultValues(fields, correctionPrefill(fields, entry));
    expect(initial.changes).toEqual({
      occurredAt: '2026-02-10T10:00',
      source: '',
      location: 'Damascus',
      topics: [{ value: 'telecom' }],
      amount: { amount: '', currency: '' },
    });
    const values = structuredClone(initial);
    (values.changes as Record<string, unknown>).location = 'Aleppo';
    (values.changes as Record<string, unknown>).topics = [{ value: 'telecom' }, { value: 'cyber' }];
    values.reason = 'Wrong city.';
    expect(correctionBody(fields, initial, values)).toEqual({
      changes: { location: 'Aleppo', topics: ['telecom', 'cyber'] },
      reason: 'Wrong city.',
    });
    expect(correctionBody(fields, initial, initial).changes).toEqual({});
  });
});

describe('what changed, versions and waiting', () => {
  it('lists the fields that differ between two readings, nested ones by their path', () => {
    expect(
      differences(
        { status: 'offered', amount: { amount: '1.00', currency: 'USD' }, version: 1, conditions: ['a'] },
        { status: 'accepted', amount: { amount: '2.00', currency: 'USD' }, version: 2, conditions: ['a'] },
        ['version'],
      ),
    ).toEqual([
      { field: 'amount.amount', before: '1.00', after: '2.00' },
      { field: 'status', before: 'offered', after: 'accepted' },
    ]);
    expect(differences({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('shows values as readers read them', () => {
    expect(displayValue(true)).toBe('Yes');
    expect(displayValue(null)).toBe('—');
    expect(displayValue('2026-03-10T12:00:00.000Z')).toBe('10 Mar 2026, 12:00 UTC');
    expect(displayValue('2026-12-31')).toBe('31 Dec 2026');
    expect(displayValue({ amount: '25000000.00', currency: 'USD' })).toBe('25,000,000 USD');
    expect(displayValue({ start: '2026-01-01', end: null })).toBe('1 Jan 2026 – open-ended');
    expect(displayValue(['a', 'b'])).toBe('a; b');
  });

  it('reads the stream version of an ETag', () => {
    expect(versionOf('"7"')).toBe(7);
    expect(versionOf('W/"12"')).toBe(12);
    expect(versionOf('abc')).toBeUndefined();
    expect(versionOf(null)).toBeUndefined();
  });

  it('backs off from 200 ms by half again each time, within about 15 seconds', () => {
    const waits = backoff();
    expect(waits.slice(0, 4)).toEqual([200, 300, 450, 675]);
    const total = waits.reduce((sum, wait) => sum + wait, 0);
    expect(total).toBeLessThanOrEqual(15_000);
    expect(total + Math.round((waits.at(-1) ?? 0) * 1.5)).toBeGreaterThan(15_000);
  });
});
