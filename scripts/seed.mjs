// npm run seed: loads the demo scenario through the public API of a running demarche (npm start).
// Every request carries a stable Idempotency-Key, so running it again changes nothing.
//
// Sources. An entry is labelled as reported only for what public reporting states, and its `source` names the
// report. Everything else is synthetic and says so in its `source`; an assessment the recorder makes on top of a
// report (a stance, say) is labelled as the recorder's.
const API = process.env.API_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
/** The one public report the demo draws on. What it states is listed where it is used (syria(), below). */
const REPORTED =
  "Reuters, 26 Feb 2026, 'Washington presses Syria to shift from Chinese telecom systems' (three sources); carried by Daily Sabah and others";
const ASSESSED = 'assessment by the recorder, not reported';
const SYNTHETIC = 'Synthetic demo data, not from any report';

let steps = 0;

/**
 * Recorded as a desk officer for the demo's countries: SEED_TOKEN if given (a token from your identity provider),
 * else one signed with the development key `npm start` made.
 */
async function seedToken() {
  if (process.env.SEED_TOKEN) return process.env.SEED_TOKEN;
  const { bootstrap } = await import('./lib/bootstrap.mjs');
  await bootstrap(import.meta.url);
  const { devToken, ensureDevKey } = await import('./lib/dev-key.mjs');
  await ensureDevKey();
  return devToken({ sub: 'seed.script', role: 'desk_officer', countries: ['SY', 'IQ'], clearance: 'secret' });
}
const TOKEN = await seedToken();

async function call(key, method, path, body) {
  steps += 1;
  const response = await fetch(`${API}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `seed-${key}`,
      authorization: `Bearer ${TOKEN}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

const post = (key, path, body) => call(key, 'POST', path, body);
const person = (name, title, organisation) => ({ name, title, organisation });
// Amounts are decimal strings of major units (the API takes no floats).
const usd = (dollars) => ({ amount: String(dollars), currency: 'USD' });
const at = (date) => `${date}T10:00:00Z`;
const synthetic = { source: SYNTHETIC, confidence: 'medium' };

// Contract commands, all here: their bodies follow the contract endpoints (see apps/api/src/contracts/*/*.dto.ts).

/** POST /v1/countries/{c}/contracts: an award. */
async function contract(key, country, date, body) {
  return post(key, `/v1/countries/${country}/contracts`, { occurredAt: at(date), ...synthetic, ...body });
}

/** POST /v1/contracts/{id}/amend: `changes` to units, value, financing or period (units: the awarded vendor's). */
async function amendContract(key, contractId, date, body) {
  return post(key, `/v1/contracts/${contractId}/amend`, { occurredAt: at(date), ...synthetic, ...body });
}

/** POST /v1/contracts/{id}/replace: units of one vendor replaced by another's. */
async function replaceEquipment(key, contractId, date, body) {
  return post(key, `/v1/contracts/${contractId}/replace`, { occurredAt: at(date), ...synthetic, ...body });
}

/** POST /v1/contracts/{id}/terminate: the contract ends; `equipment` says what becomes of the vendor's units. */
async function terminateContract(key, contractId, date, body) {
  return post(key, `/v1/contracts/${contractId}/terminate`, { occurredAt: at(date), ...synthetic, ...body });
}

async function syria() {
  const c = 'SY';
  const envoy = person(
    'Special Envoy (synthetic)',
    'Special Envoy for Critical Technology',
    'US Department of State',
  );
  const minister = person(
    'Minister of Communications',
    'Minister',
    'Syrian Ministry of Communications and Technology',
  );

  // Contracts: the report states Huawei is over half of both mobile operators' infrastructure; these contracts and
  // their figures are synthetic, chosen to be in keeping with it.
  const ranSyriatel = await contract('sy-c1', c, '2023-03-15', {
    operator: 'Syriatel',
    vendorId: 'huawei',
    domain: 'ran',
    generation: '4G',
    units: 1400,
    unitKind: 'sites',
    value: usd(210_000_000),
    financing: 'Vendor credit (synthetic)',
    period: { start: '2023-03-15', end: '2028-03-14' },
    description: 'RAN modernisation, northern and coastal regions.',
  });
  const ranMtn = await contract('sy-c2', c, '2023-05-10', {
    operator: 'MTN Syria',
    vendorId: 'huawei',
    domain: 'ran',
    generation: '4G',
    units: 900,
    unitKind: 'sites',
    value: usd(130_000_000),
    period: { start: '2023-05-10', end: '2028-05-09' },
    description: 'RAN swap and 4G rollout.',
  });
  const coreZte = await contract('sy-c3', c, '2023-07-01', {
    operator: 'Syriatel',
    vendorId: 'zte',
    domain: 'core',
    generation: '4G',
    units: 40,
    unitKind: 'units',
    value: usd(35_000_000),
    period: { start: '2023-07-01', end: '2027-06-30' },
    description: 'Packet core.',
  });
  const ranEricsson = await contract('sy-c4', c, '2023-09-20', {
    operator: 'MTN Syria',
    vendorId: 'ericsson',
    domain: 'ran',
    generation: '4G',
    units: 600,
    unitKind: 'sites',
    value: usd(95_000_000),
    period: { start: '2023-09-20', end: '2028-09-19' },
    description: 'Southern RAN.',
  });
  await contract('sy-c5', c, '2024-02-01', {
    operator: 'Syriatel',
    vendorId: 'huawei',
    domain: 'transport',
    generation: 'fixed',
    units: 300,
    unitKind: 'units',
    value: usd(20_000_000),
    period: { start: '2024-02-01', end: null },
    description: 'Microwave backhaul.',
  });
  await contract('sy-c6', c, '2024-06-15', {
    operator: 'MTN Syria',
    vendorId: 'huawei',
    domain: 'core',
    generation: '4G',
    units: 25,
    unitKind: 'units',
    value: usd(30_000_000),
    period: { start: '2024-06-15', end: null },
    description: 'IMS and packet core.',
  });

  const early = await post('sy-m1', `/v1/countries/${c}/meetings`, {
    occurredAt: at('2024-10-02'),
    ...synthetic,
    location: 'Damascus',
    envoys: [envoy],
    counterparts: [minister],
    topics: ['cybersecurity'],
    concerns: ['network-vulnerability'],
    vendorsDiscussed: ['Huawei', 'ZTE'],
    summary: 'First exchange on network security; the ministry defended its vendor choices.',
    outcome: 'No commitment.',
    nextSteps: ['Propose a structured dialogue'],
  });
  await post('sy-r1', `/v1/countries/${c}/responses`, {
    occurredAt: at('2024-10-05'),
    ...synthetic,
    stance: 'resistant',
    speaker: minister,
    quote: null,
    channel: 'meeting',
    topics: ['vendor choice'],
    vendorsMentioned: ['Huawei'],
    summary: 'Ministry called Huawei equipment cost-effective and not a security concern.',
  });
  await amendContract('sy-c1-amend', ranSyriatel.entryId, '2024-11-05', {
    changes: { units: 1500, value: usd(225_000_000) },
    reason: 'Expansion to 100 more sites.',
  });
  await post('sy-rival', `/v1/countries/${c}/competing-offers`, {
    occurredAt: at('2025-03-20'),
    ...synthetic,
    rival: { kind: 'state', name: 'A Chinese state policy bank (synthetic)' },
    vendorsInvolved: ['Huawei'],
    financing: 'Concessional loan',
    amount: usd(300_000_000),
    bundle: ['5G RAN', 'data centre', 'training'],
    summary: 'Bundled financing for a 5G rollout.',
  });
  const grant = await post('sy-i3', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2025-05-01'),
    ...synthetic,
    instrument: 'training',
    agency: 'US Department of State',
    amount: usd(2_000_000),
    conditions: [],
    expiresOn: null,
    description: 'Cybersecurity training for regulators.',
  });
  await post('sy-i3-withdraw', `/v1/incentive-offers/${grant.entryId}/withdraw`, {
    occurredAt: at('2025-08-01'),
    ...synthetic,
    note: 'Withdrawn pending the dialogue track.',
  });
  const dialogue = (round, level, date, location) =>
    post(`sy-d${round}`, `/v1/countries/${c}/dialogues`, {
      occurredAt: at(date),
      ...synthetic,
      track: 'US–Syria dialogue on cybersecurity and telecom reform',
      round,
      level,
      location,
      coChairs: [envoy, minister],
      agenda: ['Network security', 'Vendor diversity', 'Regulatory reform'],
      jointStatement: round === 3 ? 'Both sides support a diverse, secure telecom supply chain.' : null,
      deliverables: round === 3 ? ['Technical workshop on core network security'] : [],
      topics: ['cybersecurity', 'telecom reform'],
      concerns: ['network-vulnerability', 'strategic-leverage'],
      vendorsDiscussed: ['Huawei', 'ZTE', 'Ericsson', 'Nokia'],
      summary: `Round ${round} of the dialogue track.`,
    });
  await dialogue(1, 'working-level', '2025-06-18', 'Amman');
  const audit = await post('sy-t1', `/v1/countries/${c}/technical-support`, {
    occurredAt: at('2025-07-01'),
    ...synthetic,
    supportType: 'network-audit',
    provider: 'US technical assistance team (synthetic)',
    beneficiary: 'Syrian Ministry of Communications and Technology',
    period: { start: '2025-07-01', end: '2025-12-31' },
    budget: usd(1_500_000),
    description: 'Security audit of the mobile core networks.',
  });
  await post('sy-t1-m1', `/v1/technical-support/${audit.entryId}/milestones`, {
    occurredAt: at('2025-09-30'),
    ...synthetic,
    milestone: 'Core network audit report',
    note: 'Delivered to the ministry.',
  });
  const financing = await post('sy-i1', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2025-09-01'),
    ...synthetic,
    instrument: 'financing',
    agency: 'US International Development Finance Corporation',
    amount: usd(150_000_000),
    conditions: ['No high-risk vendor in the core network'],
    expiresOn: '2026-06-30',
    description: 'Financing for trusted-vendor RAN and core equipment.',
  });
  const guarantee = await post('sy-i2', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2025-10-10'),
    ...synthetic,
    instrument: 'guarantee',
    agency: 'Export–Import Bank of the United States',
    amount: usd(80_000_000),
    conditions: ['Purchases from trusted vendors'],
    expiresOn: '2026-03-31',
    description: 'Loan guarantee for operator equipment purchases.',
  });
  await dialogue(2, 'senior-officials', '2025-11-20', 'Damascus');
  await post('sy-i2-decline', `/v1/incentive-offers/${guarantee.entryId}/decline`, {
    occurredAt: at('2025-12-05'),
    ...synthetic,
    note: 'Operators preferred vendor credit.',
  });
  await post('sy-t1-close', `/v1/technical-support/${audit.entryId}/close`, {
    occurredAt: at('2026-01-15'),
    ...synthetic,
    outcome: 'completed',
    note: 'Audit findings accepted.',
  });
  await post('sy-i1-amend', `/v1/incentive-offers/${financing.entryId}/amend`, {
    occurredAt: at('2026-01-15'),
    ...synthetic,
    changes: { amount: usd(175_000_000) },
    reason: 'Scope widened to transport.',
  });

  // The motivating case, as publicly reported. The report (REPORTED) states, and the entries below claim, only:
  // - a State Department team met Syria's communications minister in San Francisco on Tuesday 24 February 2026,
  //   as Washington presses Syria to shift from Chinese telecom systems;
  // - Huawei equipment is over half of Syriatel's and MTN Syria's infrastructure (a senior source and documents);
  // - Syrian officials seek vendor diversity.
  // Names, the time of day, what else was discussed and any outcome are not reported, and not claimed here.
  const reported = { source: REPORTED, confidence: 'medium' };
  const delegation = await post('sy-m2', `/v1/countries/${c}/meetings`, {
    // Only the date is reported; noon in San Francisco (UTC−8) is 20:00 UTC, the same date.
    occurredAt: '2026-02-24T20:00:00Z',
    ...reported,
    location: 'San Francisco',
    envoys: [person('State Department team (names not reported)', 'Delegation', 'US Department of State')],
    counterparts: [
      person(
        'Communications minister (name not in the report)',
        'Minister of Communications and Technology',
        'Syrian Ministry of Communications and Technology',
      ),
    ],
    topics: ['shift from Chinese telecom systems'],
    concerns: [],
    vendorsDiscussed: [],
    summary:
      'A State Department team met Syria’s communications minister in San Francisco (date as reported; time of day not reported), as Washington presses Syria to shift from Chinese telecom systems. The same report states, citing a senior source and documents, that Huawei equipment makes up over half of the infrastructure of Syriatel and MTN Syria, and that Syrian officials seek vendor diversity.',
    outcome: '',
    nextSteps: [],
  });
  // What Syrian officials said is reported; the stance it is filed under is the recorder's reading of it.
  await post('sy-r2', `/v1/countries/${c}/responses`, {
    occurredAt: at('2026-02-26'),
    source: `${REPORTED}. Stance 'receptive': ${ASSESSED}`,
    confidence: 'medium',
    stance: 'receptive',
    speaker: person('Syrian officials (not named in the report)', 'Officials', 'Government of Syria'),
    quote: null,
    channel: 'media',
    topics: ['vendor diversity'],
    vendorsMentioned: [],
    summary: `Syrian officials seek vendor diversity (reported, 26 Feb 2026). The stance 'receptive' is an ${ASSESSED}.`,
  });
  const roadmap = await post('sy-f1', '/v1/follow-ups', {
    sourceEventId: delegation.eventId,
    occurredAt: at('2026-02-25'),
    ...synthetic,
    owner: 'Embassy economic section (synthetic)',
    dueDate: '2026-03-15',
    action: 'Share a vendor-diversity roadmap',
  });
  await post('sy-f1-done', `/v1/follow-ups/${roadmap.entryId}/complete`, {
    occurredAt: at('2026-03-10'),
    ...synthetic,
    note: 'Roadmap shared with the ministry.',
  });
  const relief = await post('sy-i4', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2026-02-15'),
    ...synthetic,
    instrument: 'licence-relief',
    agency: 'US Department of the Treasury',
    amount: null,
    conditions: ['Equipment from trusted vendors'],
    expiresOn: '2026-08-31',
    description: 'Licensing relief for trusted-vendor telecom imports.',
  });
  const transition = await post('sy-t2', `/v1/countries/${c}/technical-support`, {
    occurredAt: at('2026-03-01'),
    ...synthetic,
    supportType: 'vendor-transition-planning',
    provider: 'US technical assistance team (synthetic)',
    beneficiary: 'Syriatel and MTN Syria',
    period: { start: '2026-03-01', end: '2027-02-28' },
    budget: usd(4_000_000),
    description: 'RAN and core swap planning.',
  });
  const round3 = await dialogue(3, 'ministerial', '2026-03-25', 'Washington');
  await post('sy-f2', '/v1/follow-ups', {
    sourceEventId: round3.eventId,
    occurredAt: at('2026-03-26'),
    ...synthetic,
    owner: 'Cyber policy office (synthetic)',
    dueDate: '2026-09-30',
    action: 'Technical workshop on core network security',
  });
  await amendContract('sy-c4-amend', ranEricsson.entryId, '2026-04-15', {
    changes: { units: 800, value: usd(127_000_000) },
    reason: '200 new sites.',
  });
  await post('sy-i1-accept', `/v1/incentive-offers/${financing.entryId}/accept`, {
    occurredAt: at('2026-05-02'),
    ...synthetic,
    note: 'Accepted by the ministry for Syriatel.',
  });
  await replaceEquipment('sy-c1-replace', ranSyriatel.entryId, '2026-05-20', {
    fromVendorId: 'huawei',
    toVendorId: 'ericsson',
    units: 300,
    value: null,
    note: 'First phase of the RAN swap.',
  });
  const followUpMeeting = await post('sy-m3', `/v1/countries/${c}/meetings`, {
    occurredAt: at('2026-06-10'),
    ...synthetic,
    location: 'Damascus',
    envoys: [envoy],
    counterparts: [person('MTN Syria CTO (synthetic)', 'Chief Technology Officer', 'MTN Syria')],
    topics: ['RAN tender'],
    concerns: ['supply-chain-resilience'],
    vendorsDiscussed: ['Huawei', 'Nokia'],
    summary: 'Operator briefing on the RAN tender.',
    outcome: 'Tender planned for Q4.',
    nextSteps: [],
  });
  await post('sy-m3-fix', `/v1/entries/${followUpMeeting.eventId}/corrections`, {
    changes: { location: 'Beirut' },
    reason: 'The briefing was held in Beirut, not Damascus.',
  });
  await post('sy-f3', '/v1/follow-ups', {
    sourceEventId: followUpMeeting.eventId,
    occurredAt: at('2026-06-11'),
    ...synthetic,
    owner: 'Embassy economic section (synthetic)',
    dueDate: '2026-12-31',
    action: 'Confirm the MTN Syria RAN tender timeline',
  });
  await post('sy-t2-m1', `/v1/technical-support/${transition.entryId}/milestones`, {
    occurredAt: at('2026-06-30'),
    ...synthetic,
    milestone: 'RAN swap plan for Syriatel',
    note: 'Plan delivered.',
  });
  await terminateContract('sy-c3-terminate', coreZte.entryId, '2026-07-01', {
    reason: 'Core replaced by a trusted vendor.',
    equipment: 'decommissioned',
  });
  await contract('sy-c7', c, '2026-07-01', {
    operator: 'Syriatel',
    vendorId: 'nokia',
    domain: 'core',
    generation: '5G',
    units: 40,
    unitKind: 'units',
    value: usd(38_000_000),
    period: { start: '2026-07-01', end: '2031-06-30' },
    description: 'Core network replacement.',
  });
  await post('sy-i4-expire', `/v1/incentive-offers/${relief.entryId}/expire`, {
    occurredAt: at('2026-09-01'),
    ...synthetic,
    note: 'Lapsed unused.',
  });
  await replaceEquipment('sy-c2-replace', ranMtn.entryId, '2026-09-10', {
    fromVendorId: 'huawei',
    toVendorId: 'nokia',
    units: 200,
    value: null,
    note: 'Southern sites swapped.',
  });
  await post('sy-i5', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2026-09-15'),
    ...synthetic,
    instrument: 'grant',
    agency: 'US Department of State',
    amount: usd(10_000_000),
    conditions: ['Core security hardening'],
    expiresOn: '2027-03-31',
    description: 'Grant for core network security.',
  });
  const twice = await post('sy-r3', `/v1/countries/${c}/responses`, {
    occurredAt: at('2026-10-01'),
    ...synthetic,
    stance: 'committed',
    speaker: minister,
    quote: 'We will complete the move to trusted vendors in the core.',
    channel: 'public-statement',
    topics: ['vendor diversity'],
    vendorsMentioned: [],
    summary: 'Public commitment to trusted vendors in the core.',
  });
  const duplicate = await post('sy-r3-dup', `/v1/countries/${c}/responses`, {
    occurredAt: at('2026-10-01'),
    ...synthetic,
    stance: 'committed',
    speaker: minister,
    quote: null,
    channel: 'media',
    topics: [],
    vendorsMentioned: [],
    summary: 'Same statement, logged again from a media report.',
  });
  await post('sy-r3-dup-retract', `/v1/entries/${duplicate.eventId}/retractions`, {
    reason: `Duplicate of ${twice.eventId}.`,
  });
  return early;
}

async function iraq() {
  const c = 'IQ';
  const envoy = person(
    'Deputy Assistant Secretary (synthetic)',
    'Deputy Assistant Secretary',
    'US Department of State',
  );
  const official = person(
    'Deputy Minister (synthetic)',
    'Deputy Minister',
    'Iraqi Ministry of Communications',
  );
  const asiacell = await contract('iq-c1', c, '2023-04-01', {
    operator: 'Asiacell',
    vendorId: 'huawei',
    domain: 'ran',
    generation: '4G',
    units: 800,
    unitKind: 'sites',
    value: usd(120_000_000),
    period: { start: '2023-04-01', end: '2028-03-31' },
    description: 'RAN rollout.',
  });
  await contract('iq-c2', c, '2023-08-15', {
    operator: 'Zain Iraq',
    vendorId: 'nokia',
    domain: 'ran',
    generation: '4G',
    units: 700,
    unitKind: 'sites',
    value: usd(105_000_000),
    period: { start: '2023-08-15', end: '2028-08-14' },
    description: 'RAN rollout.',
  });
  await contract('iq-c3', c, '2024-05-01', {
    operator: 'Zain Iraq',
    vendorId: 'huawei',
    domain: 'core',
    generation: '4G',
    units: 30,
    unitKind: 'units',
    value: usd(33_000_000),
    period: { start: '2024-05-01', end: null },
    description: 'Packet core.',
  });
  await contract('iq-c4', c, '2025-02-01', {
    operator: 'Korek Telecom',
    vendorId: 'zte',
    domain: 'ran',
    generation: '4G',
    units: 500,
    unitKind: 'sites',
    value: usd(60_000_000),
    period: { start: '2025-02-01', end: null },
    description: 'RAN expansion.',
  });
  await post('iq-m1', `/v1/countries/${c}/meetings`, {
    occurredAt: at('2025-03-12'),
    ...synthetic,
    location: 'Baghdad',
    envoys: [envoy],
    counterparts: [official],
    topics: ['5G'],
    concerns: ['network-vulnerability', 'alliance-dynamics'],
    vendorsDiscussed: ['Huawei', 'ZTE'],
    summary: 'Raised risks of high-risk vendors in the 5G rollout.',
    outcome: 'Noted.',
    nextSteps: [],
  });
  await post('iq-r1', `/v1/countries/${c}/responses`, {
    occurredAt: at('2025-03-12'),
    ...synthetic,
    stance: 'neutral',
    speaker: official,
    quote: null,
    channel: 'meeting',
    topics: ['5G'],
    vendorsMentioned: [],
    summary: 'Cost named as the deciding factor.',
  });
  const loan = await post('iq-i1', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2025-04-20'),
    ...synthetic,
    instrument: 'loan',
    agency: 'US International Development Finance Corporation',
    amount: usd(100_000_000),
    conditions: ['Trusted vendors for 5G'],
    expiresOn: '2025-12-31',
    description: '5G loan.',
  });
  await post('iq-i1-decline', `/v1/incentive-offers/${loan.entryId}/decline`, {
    occurredAt: at('2025-07-15'),
    ...synthetic,
    note: 'Declined: conditions judged too strict.',
  });
  await post('iq-rival', `/v1/countries/${c}/competing-offers`, {
    occurredAt: at('2025-09-05'),
    ...synthetic,
    rival: { kind: 'vendor', name: 'Huawei' },
    vendorsInvolved: ['Huawei'],
    financing: 'Vendor credit',
    amount: usd(250_000_000),
    bundle: ['5G RAN', 'core'],
    summary: '5G package on credit.',
  });
  await amendContract('iq-c1-amend', asiacell.entryId, '2025-10-01', {
    changes: { units: 1100, value: usd(165_000_000) },
    reason: 'Expansion.',
  });
  await post('iq-d1', `/v1/countries/${c}/dialogues`, {
    occurredAt: at('2025-11-18'),
    ...synthetic,
    track: 'US–Iraq digital economy dialogue',
    round: 1,
    level: 'working-level',
    location: 'Baghdad',
    coChairs: [envoy, official],
    agenda: ['Digital economy', '5G security'],
    jointStatement: null,
    deliverables: [],
    topics: ['5G'],
    concerns: ['network-vulnerability'],
    vendorsDiscussed: ['Huawei'],
    summary: 'First round; no agreement on vendor conditions.',
  });
  const training = await post('iq-i2', `/v1/countries/${c}/incentive-offers`, {
    occurredAt: at('2026-01-10'),
    ...synthetic,
    instrument: 'training',
    agency: 'US Department of State',
    amount: usd(1_000_000),
    conditions: [],
    expiresOn: null,
    description: 'Regulator training.',
  });
  await post('iq-i2-withdraw', `/v1/incentive-offers/${training.entryId}/withdraw`, {
    occurredAt: at('2026-03-01'),
    ...synthetic,
    note: 'No counterpart nominated.',
  });
  await contract('iq-c5', c, '2026-04-01', {
    operator: 'Zain Iraq',
    vendorId: 'huawei',
    domain: 'ran',
    generation: '5G',
    units: 400,
    unitKind: 'sites',
    value: usd(70_000_000),
    period: { start: '2026-04-01', end: null },
    description: '5G RAN.',
  });
  await post('iq-r2', `/v1/countries/${c}/responses`, {
    occurredAt: at('2026-05-05'),
    ...synthetic,
    stance: 'resistant',
    speaker: official,
    quote: 'Our operators choose on price and performance.',
    channel: 'public-statement',
    topics: ['5G'],
    vendorsMentioned: ['Huawei'],
    summary: 'Public rejection of vendor conditions.',
  });
}

try {
  await syria();
  await iraq();
  console.log(`[seed] ${steps} requests to ${API} (each keyed: a second run writes nothing). Try:`);
  console.log(`  ${API}/v1/countries`);
  console.log(`  ${API}/v1/countries/SY/timeline`);
  console.log(`  ${API}/v1/countries/SY/dependency/history?from=2023-01-01&basis=units`);
} catch (error) {
  console.error(`[seed] failed: ${error.message}`);
  if (error.cause?.code === 'ECONNREFUSED')
    console.error(`[seed] is demarche running? Start it with: npm start`);
  if (error.message.includes('IDEMPOTENCY_KEY_REUSED'))
    console.error('[seed] this database was seeded by an older version of the scenario: seed an empty one');
  process.exit(1);
}
