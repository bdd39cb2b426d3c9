/** A valid meeting body; tests override what they are about. */
export function meetingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-10T10:00:00Z',
    location: 'Damascus',
    envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
    counterparts: [
      {
        name: 'B. Minister',
        title: 'Minister of Communications',
        organisation: 'Ministry of Communications',
      },
    ],
    topics: ['telecom reform', 'cybersecurity'],
    concerns: ['network-vulnerability', 'strategic-leverage'],
    vendorsDiscussed: ['Huawei'],
    summary: 'Synthetic test meeting on vendor diversity.',
    outcome: 'Ministry open to a technical review.',
    nextSteps: ['Share a vendor-diversity roadmap'],
    ...overrides,
  };
}

/** A valid dialogue round body. */
export function dialogueBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-11T15:00:00Z',
    track: 'Telecom security dialogue',
    round: 2,
    level: 'senior-officials',
    location: 'Amman',
    coChairs: [
      { name: 'C. Director', title: 'Director', organisation: 'Department of State' },
      { name: 'D. Deputy', title: 'Deputy Minister', organisation: 'Ministry of Communications' },
    ],
    agenda: ['Core network audit', 'Financing options'],
    jointStatement: 'Both sides will scope a core network audit.',
    deliverables: ['Audit terms of reference'],
    topics: ['cybersecurity'],
    concerns: ['network-vulnerability'],
    vendorsDiscussed: ['Huawei', 'Ericsson'],
    summary: 'Synthetic test dialogue round.',
    ...overrides,
  };
}

/** A valid follow-up of the given meeting or dialogue event. */
export function followUpBody(
  sourceEventId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    sourceEventId,
    occurredAt: '2026-02-10T12:00:00Z',
    owner: 'desk.officer.sy',
    dueDate: '2026-03-01',
    action: 'Send the vendor-diversity roadmap.',
    ...overrides,
  };
}

/** A valid incentive offer body. */
export function incentiveOfferBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-12T09:00:00Z',
    instrument: 'loan',
    agency: 'Development Finance Corporation',
    amount: { amount: '25000000', currency: 'USD' },
    conditions: ['No high-risk vendor in the core'],
    expiresOn: '2026-12-31',
    description: 'Synthetic concessional loan toward a RAN swap.',
    ...overrides,
  };
}

/** A valid technical-support commitment body. */
export function technicalSupportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-13T09:00:00Z',
    supportType: 'network-audit',
    provider: 'CISA',
    beneficiary: 'Ministry of Communications',
    period: { start: '2026-03-01', end: '2026-09-30' },
    budget: { amount: '1500000', currency: 'USD' },
    description: 'Synthetic audit of the mobile core.',
    ...overrides,
  };
}

/** A valid contract award body, by default to a catalogue vendor. */
export function contractBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2025-06-01T00:00:00Z',
    operator: 'Syriatel',
    vendorId: 'huawei',
    domain: 'ran',
    generation: '4G',
    units: 1_000,
    unitKind: 'sites',
    value: { amount: '100000000', currency: 'USD' },
    financing: 'Vendor credit',
    period: { start: '2025-06-01', end: '2030-05-31' },
    description: 'Synthetic RAN contract.',
    ...overrides,
  };
}

/** A valid country response observation body. */
export function countryResponseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-14T09:00:00Z',
    stance: 'receptive',
    speaker: { name: 'B. Minister', title: 'Minister', organisation: 'Ministry of Communications' },
    quote: 'We want more than one vendor.',
    channel: 'public-statement',
    topics: ['vendor diversity'],
    vendorsMentioned: ['Huawei'],
    summary: 'Synthetic statement welcoming vendor diversity.',
    ...overrides,
  };
}

/** A valid competing offer observation body. */
export function competingOfferBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-15T09:00:00Z',
    rival: { kind: 'vendor', name: 'Huawei' },
    vendorsInvolved: ['Huawei'],
    financing: 'Export credit',
    amount: { amount: '80000000', currency: 'USD' },
    bundle: ['5G core', 'Data centre'],
    summary: 'Synthetic rival package.',
    ...overrides,
  };
}

/** A valid vendor registration body. */
export function vendorBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vendorId: 'acme-radio',
    name: 'Acme Radio',
    origin: 'DE',
    highRisk: false,
    occurredAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}
