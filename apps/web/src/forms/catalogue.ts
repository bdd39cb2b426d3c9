/**
 * Every command a desk officer (or an admin, for vendors) sends, as data: its route, the API path it posts to,
 * and its fields. Field names are checked against the server's request DTOs (generated types), and each list of
 * options against the DTO's union type, so a renamed field or a new option fails the web app's type check.
 * DOM-free and JSX-free (tests/unit/web/forms-catalogue.unit.spec.ts).
 */
import { CORRECTABLE_FIELDS } from '#domain';
import type {
  AmendContractRequestDto,
  AmendIncentiveTermsRequestDto,
  AssignFollowUpRequestDto,
  AwardContractRequestDto,
  CloseIncentiveOfferRequestDto,
  CloseTechnicalSupportRequestDto,
  CommitTechnicalSupportRequestDto,
  CompleteFollowUpRequestDto,
  CorrectEntryRequestDto,
  DeliverMilestoneRequestDto,
  ObserveCompetingOfferRequestDto,
  ObserveCountryResponseRequestDto,
  OfferIncentiveRequestDto,
  ReclassifyVendorRiskRequestDto,
  RecordDialogueRoundRequestDto,
  RecordEnvoyMeetingRequestDto,
  RegisterVendorRequestDto,
  ReplaceEquipmentRequestDto,
  RetractEntryRequestDto,
  TerminateContractRequestDto,
} from '../api/types.js';
import type { FieldSpec, Option } from './spec.js';

/** A field whose body path starts with a property of the DTO `T`. */
type FieldOf<T> = FieldSpec & { readonly name: (keyof T & string) | `${keyof T & string}.${string}` };
const fieldsOf =
  <T>() =>
  (fields: readonly FieldOf<T>[]): readonly FieldSpec[] =>
    fields;

/** Options naming every member of the union `T`, and only those (a compile error otherwise). */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(values: L & ([T] extends [L[number]] ? unknown : never)): Option[] =>
    values.map((value) => ({ value, label: labelOf(value) }));

/** "network-vulnerability" → "Network vulnerability". */
export function labelOf(value: string): string {
  const words = value.replace(/[-_]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const CONCERNS = allOf<RecordEnvoyMeetingRequestDto['concerns'][number]>()([
  'network-vulnerability',
  'strategic-leverage',
  'alliance-dynamics',
  'data-security',
  'supply-chain-resilience',
  'cost-and-financing',
  'sanctions-compliance',
  'other',
]);
const CONFIDENCE = allOf<NonNullable<RecordEnvoyMeetingRequestDto['confidence']>>()([
  'high',
  'medium',
  'low',
]);
const DIALOGUE_LEVELS = allOf<RecordDialogueRoundRequestDto['level']>()([
  'head-of-state',
  'ministerial',
  'senior-officials',
  'working-level',
]);
const INSTRUMENTS = allOf<OfferIncentiveRequestDto['instrument']>()([
  'loan',
  'guarantee',
  'equity',
  'grant',
  'financing',
  'training',
  'licence-relief',
]);
const SUPPORT_TYPES = allOf<CommitTechnicalSupportRequestDto['supportType']>()([
  'cybersecurity-assessment',
  'network-audit',
  'vendor-transition-planning',
  'regulatory-advice',
  'training',
  'equipment-donation',
  'other',
]);
const SUPPORT_OUTCOMES = allOf<CloseTechnicalSupportRequestDto['outcome']>()([
  'completed',
  'cancelled',
  'lapsed',
]);
const DOMAINS = allOf<AwardContractRequestDto['domain']>()([
  'ran',
  'core',
  'transport',
  'network-management',
  'cloud-data-centre',
  'subsea',
]);
const UNIT_KINDS = allOf<AwardContractRequestDto['unitKind']>()(['sites', 'units']);
const STANCES = allOf<ObserveCountryResponseRequestDto['stance']>()([
  'resistant',
  'neutral',
  'receptive',
  'committed',
]);
const CHANNELS = allOf<ObserveCountryResponseRequestDto['channel']>()([
  'meeting',
  'public-statement',
  'media',
  'diplomatic-note',
  'regulatory-action',
  'other',
]);
const EQUIPMENT = allOf<TerminateContractRequestDto['equipment']>()(['decommissioned', 'in-service']);

// What every new entry states besides its content, and every change to one.
const WHEN = {
  name: 'occurredAt',
  label: 'When it happened (UTC)',
  kind: 'datetime',
  required: true,
} as const satisfies FieldSpec;
const SOURCE = {
  name: 'source',
  label: 'Source',
  kind: 'text',
  hint: 'A cable reference or a URL.',
} as const satisfies FieldSpec;
const CONFIDENCE_FIELD = {
  name: 'confidence',
  label: 'Confidence',
  kind: 'select',
  options: CONFIDENCE,
} as const satisfies FieldSpec;
const CLASSIFICATION = {
  name: 'classification',
  label: 'Classification',
  kind: 'classification',
} as const satisfies FieldSpec;
const ENTRY_FACTS = [CLASSIFICATION, SOURCE, CONFIDENCE_FIELD] as const;
const TRANSITION_FACTS = [WHEN, SOURCE, CONFIDENCE_FIELD] as const;

const VENDOR_HINT = 'Registry ids, e.g. huawei, nokia.';

export type Audience = 'desk_officer' | 'admin';

/** A form that records a new entry in a country (or, for admins, changes the vendor registry). */
export interface RecordForm {
  readonly slug: string;
  readonly title: string;
  readonly blurb: string;
  /** The submit button's words, when not "Record <title>". */
  readonly submitLabel?: string;
  readonly audience: Audience;
  readonly fields: readonly FieldSpec[];
  /** The API path it posts to; `id` is the value of a field that is a path parameter. */
  path(country: string, id: string): string;
  /** The field that is a path parameter, if any. */
  readonly pathField?: string;
  /** Whether a 201 is an entry on the country's timeline (vendor changes are not: they are reference data). */
  readonly onTimeline: boolean;
}

const countryPath = (segment: string) => (country: string) =>
  `/v1/countries/${encodeURIComponent(country)}/${segment}`;

export const RECORD_FORMS: readonly RecordForm[] = [
  {
    slug: 'meeting',
    title: 'Envoy meeting',
    blurb: 'Who met whom, where, what was discussed and what comes next.',
    audience: 'desk_officer',
    path: countryPath('meetings'),
    onTimeline: true,
    fields: fieldsOf<RecordEnvoyMeetingRequestDto>()([
      WHEN,
      { name: 'location', label: 'Location', kind: 'text', required: true },
      { name: 'envoys', label: 'Our envoys', kind: 'people', required: true, itemLabel: 'Envoy', wide: true },
      {
        name: 'counterparts',
        label: 'Counterparts',
        kind: 'people',
        required: true,
        itemLabel: 'Counterpart',
        wide: true,
      },
      { name: 'summary', label: 'Summary', kind: 'textarea', required: true, wide: true },
      { name: 'outcome', label: 'Outcome', kind: 'textarea', whenEmpty: 'empty', wide: true },
      { name: 'topics', label: 'Topics', kind: 'strings', itemLabel: 'Topic', whenEmpty: 'empty' },
      {
        name: 'vendorsDiscussed',
        label: 'Vendors discussed',
        kind: 'strings',
        itemLabel: 'Vendor',
        whenEmpty: 'empty',
      },
      { name: 'concerns', label: 'Concerns raised', kind: 'checkboxes', options: CONCERNS, wide: true },
      {
        name: 'nextSteps',
        label: 'Next steps',
        kind: 'strings',
        itemLabel: 'Next step',
        whenEmpty: 'empty',
        wide: true,
      },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'dialogue',
    title: 'Dialogue round',
    blurb: 'A round of a structured dialogue: track, level, co-chairs, agenda and deliverables.',
    audience: 'desk_officer',
    path: countryPath('dialogues'),
    onTimeline: true,
    fields: fieldsOf<RecordDialogueRoundRequestDto>()([
      WHEN,
      { name: 'track', label: 'Track', kind: 'text', required: true },
      { name: 'round', label: 'Round', kind: 'number', required: true },
      { name: 'level', label: 'Level', kind: 'select', required: true, options: DIALOGUE_LEVELS },
      { name: 'location', label: 'Location', kind: 'text', required: true },
      {
        name: 'coChairs',
        label: 'Co-chairs',
        kind: 'people',
        itemLabel: 'Co-chair',
        whenEmpty: 'empty',
        wide: true,
      },
      { name: 'summary', label: 'Summary', kind: 'textarea', required: true, wide: true },
      { name: 'jointStatement', label: 'Joint statement', kind: 'textarea', whenEmpty: 'null', wide: true },
      { name: 'agenda', label: 'Agenda', kind: 'strings', itemLabel: 'Agenda item', whenEmpty: 'empty' },
      {
        name: 'deliverables',
        label: 'Deliverables',
        kind: 'strings',
        itemLabel: 'Deliverable',
        whenEmpty: 'empty',
      },
      { name: 'topics', label: 'Topics', kind: 'strings', itemLabel: 'Topic', whenEmpty: 'empty' },
      {
        name: 'vendorsDiscussed',
        label: 'Vendors discussed',
        kind: 'strings',
        itemLabel: 'Vendor',
        whenEmpty: 'empty',
      },
      { name: 'concerns', label: 'Concerns raised', kind: 'checkboxes', options: CONCERNS, wide: true },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'follow-up',
    title: 'Follow-up',
    blurb: 'An action that came out of a meeting or dialogue round, with an owner and a due date.',
    audience: 'desk_officer',
    path: () => '/v1/follow-ups',
    onTimeline: true,
    fields: fieldsOf<AssignFollowUpRequestDto>()([
      {
        name: 'sourceEventId',
        label: 'Meeting or dialogue round it follows',
        kind: 'select',
        required: true,
        wide: true,
      },
      { name: 'action', label: 'Action', kind: 'textarea', required: true, wide: true },
      { name: 'owner', label: 'Owner', kind: 'text', required: true },
      { name: 'dueDate', label: 'Due date', kind: 'date', required: true },
      WHEN,
      {
        name: 'classification',
        label: 'Classification',
        kind: 'classification',
        emptyLabel: 'Same as the engagement',
        whenEmpty: 'omit',
      },
      SOURCE,
      CONFIDENCE_FIELD,
    ]),
  },
  {
    slug: 'offer',
    title: 'Incentive offer',
    blurb: 'A loan, grant, guarantee or other incentive we put to the country, with its conditions.',
    audience: 'desk_officer',
    path: countryPath('incentive-offers'),
    onTimeline: true,
    fields: fieldsOf<OfferIncentiveRequestDto>()([
      WHEN,
      { name: 'instrument', label: 'Instrument', kind: 'select', required: true, options: INSTRUMENTS },
      { name: 'agency', label: 'Agency', kind: 'text', required: true },
      { name: 'amount', label: 'Amount', kind: 'money', whenEmpty: 'null' },
      { name: 'expiresOn', label: 'Expires on', kind: 'date', whenEmpty: 'null', hint: 'Empty: open-ended.' },
      { name: 'description', label: 'Description', kind: 'textarea', required: true, wide: true },
      {
        name: 'conditions',
        label: 'Conditions',
        kind: 'strings',
        itemLabel: 'Condition',
        whenEmpty: 'empty',
        wide: true,
      },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'technical-support',
    title: 'Technical support',
    blurb: 'A commitment of technical support: who provides it to whom, for what period and budget.',
    audience: 'desk_officer',
    path: countryPath('technical-support'),
    onTimeline: true,
    fields: fieldsOf<CommitTechnicalSupportRequestDto>()([
      WHEN,
      {
        name: 'supportType',
        label: 'Type of support',
        kind: 'select',
        required: true,
        options: SUPPORT_TYPES,
      },
      { name: 'provider', label: 'Provider', kind: 'text', required: true },
      { name: 'beneficiary', label: 'Beneficiary', kind: 'text', required: true },
      { name: 'period', label: 'Period', kind: 'period', required: true },
      { name: 'budget', label: 'Budget', kind: 'money', whenEmpty: 'null' },
      { name: 'description', label: 'Description', kind: 'textarea', required: true, wide: true },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'contract',
    title: 'Contract award',
    blurb: 'A telecom contract awarded to a vendor: operator, network domain, units, value and period.',
    audience: 'desk_officer',
    path: countryPath('contracts'),
    onTimeline: true,
    fields: fieldsOf<AwardContractRequestDto>()([
      WHEN,
      { name: 'operator', label: 'Operator', kind: 'text', required: true },
      { name: 'vendorId', label: 'Vendor', kind: 'text', required: true, hint: 'Registry id, e.g. huawei.' },
      { name: 'domain', label: 'Network domain', kind: 'select', required: true, options: DOMAINS },
      {
        name: 'generation',
        label: 'Generation',
        kind: 'text',
        required: true,
        hint: '2G, 3G, 4G, 5G, fixed…',
      },
      { name: 'units', label: 'Units', kind: 'number', required: true },
      { name: 'unitKind', label: 'Counted as', kind: 'select', required: true, options: UNIT_KINDS },
      { name: 'value', label: 'Value', kind: 'money', whenEmpty: 'null' },
      { name: 'financing', label: 'Financing', kind: 'text', whenEmpty: 'null' },
      { name: 'period', label: 'Period', kind: 'period', required: true },
      { name: 'description', label: 'Description', kind: 'textarea', required: true, wide: true },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'response',
    title: 'Country response',
    blurb: 'Something the country said or did that shows its stance.',
    audience: 'desk_officer',
    path: countryPath('responses'),
    onTimeline: true,
    fields: fieldsOf<ObserveCountryResponseRequestDto>()([
      WHEN,
      { name: 'stance', label: 'Stance', kind: 'select', required: true, options: STANCES },
      { name: 'channel', label: 'Channel', kind: 'select', required: true, options: CHANNELS },
      { name: 'speaker', label: 'Speaker', kind: 'person', required: true, wide: true },
      { name: 'quote', label: 'Quote', kind: 'textarea', whenEmpty: 'null', wide: true },
      { name: 'summary', label: 'Summary', kind: 'textarea', required: true, wide: true },
      { name: 'topics', label: 'Topics', kind: 'strings', itemLabel: 'Topic', whenEmpty: 'empty' },
      {
        name: 'vendorsMentioned',
        label: 'Vendors mentioned',
        kind: 'strings',
        itemLabel: 'Vendor',
        whenEmpty: 'empty',
      },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'competing-offer',
    title: 'Competing offer',
    blurb: 'A rival state or vendor put an offer to the country.',
    audience: 'desk_officer',
    path: countryPath('competing-offers'),
    onTimeline: true,
    fields: fieldsOf<ObserveCompetingOfferRequestDto>()([
      WHEN,
      { name: 'rival', label: 'Rival', kind: 'rival', required: true, wide: true },
      { name: 'financing', label: 'Financing', kind: 'text', whenEmpty: 'null' },
      { name: 'amount', label: 'Amount', kind: 'money', whenEmpty: 'null' },
      { name: 'summary', label: 'Summary', kind: 'textarea', required: true, wide: true },
      {
        name: 'vendorsInvolved',
        label: 'Vendors involved',
        kind: 'strings',
        itemLabel: 'Vendor',
        whenEmpty: 'empty',
        hint: VENDOR_HINT,
      },
      {
        name: 'bundle',
        label: 'What the bundle includes',
        kind: 'strings',
        itemLabel: 'Item',
        whenEmpty: 'empty',
      },
      ...ENTRY_FACTS,
    ]),
  },
  {
    slug: 'vendor',
    title: 'Register a vendor',
    submitLabel: 'Register the vendor',
    blurb: 'Add a vendor to the registry contracts draw on, with its origin and risk flag.',
    audience: 'admin',
    path: () => '/v1/vendors',
    onTimeline: false,
    fields: fieldsOf<RegisterVendorRequestDto>()([
      {
        name: 'vendorId',
        label: 'Vendor id',
        kind: 'text',
        required: true,
        hint: 'Lower-case letters, digits, dashes.',
      },
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'origin',
        label: 'Country of origin',
        kind: 'text',
        required: true,
        hint: 'ISO code, e.g. CN.',
      },
      { name: 'highRisk', label: 'High-risk vendor', kind: 'boolean' },
      { name: 'riskBasis', label: 'Risk basis', kind: 'textarea', whenEmpty: 'null', wide: true },
      { ...WHEN, label: 'Holds from (UTC)' },
    ]),
  },
  {
    slug: 'vendor-risk',
    title: 'Reclassify vendor risk',
    submitLabel: 'Reclassify the vendor',
    blurb: 'A vendor’s high-risk flag changes, e.g. when a risk list is published.',
    audience: 'admin',
    path: (_country, id) => `/v1/vendors/${encodeURIComponent(id)}/risk`,
    pathField: 'vendor',
    onTimeline: false,
    fields: [
      { name: 'vendor', label: 'Vendor id', kind: 'text', required: true, notInBody: true },
      ...fieldsOf<ReclassifyVendorRiskRequestDto>()([
        { name: 'highRisk', label: 'High-risk vendor', kind: 'boolean' },
        { name: 'riskBasis', label: 'Risk basis', kind: 'textarea', required: true, wide: true },
        { ...WHEN, label: 'From (UTC)' },
      ]),
    ],
  },
];

export function recordForm(slug: string | undefined): RecordForm | undefined {
  return RECORD_FORMS.find((form) => form.slug === slug);
}

/** What an entry's stream is, from its id (`incentive-<id>`…), and the id of the thing it records. */
export type Subject = 'incentive' | 'follow-up' | 'support' | 'contract';
const SUBJECT_PREFIXES: readonly Subject[] = ['follow-up', 'incentive', 'support', 'contract'];

export function subjectOf(streamId: string): { kind: Subject; id: string } | undefined {
  for (const kind of SUBJECT_PREFIXES) {
    if (streamId.startsWith(`${kind}-`)) return { kind, id: streamId.slice(kind.length + 1) };
  }
  return undefined;
}

/** A change to an existing entry, sent with If-Match. */
export interface EntryAction {
  readonly slug: string;
  readonly title: string;
  /** Which entries it applies to: those of a subject, or every entry. */
  readonly subject: Subject | 'any';
  /** The subject's statuses it applies in (every status when absent). */
  readonly when?: readonly string[];
  readonly fields: readonly FieldSpec[];
  /** The API path: `id` is the subject's id, `eventId` the entry's event id. */
  path(id: string, eventId: string): string;
  readonly danger?: boolean;
}

const note = (label = 'Note') =>
  ({ name: 'note', label, kind: 'textarea', whenEmpty: 'empty', wide: true }) as const satisfies FieldSpec;
const offer = (id: string, action: string) => `/v1/incentive-offers/${id}/${action}`;
const closeOffer = (slug: string, title: string, danger = false): EntryAction => ({
  slug,
  title,
  subject: 'incentive',
  when: ['offered'],
  danger,
  path: (id) => offer(id, slug),
  fields: fieldsOf<CloseIncentiveOfferRequestDto>()([...TRANSITION_FACTS, note()]),
});

export const ENTRY_ACTIONS: readonly EntryAction[] = [
  {
    slug: 'amend',
    title: 'Amend the offer’s terms',
    subject: 'incentive',
    when: ['offered'],
    path: (id) => offer(id, 'amend'),
    fields: fieldsOf<AmendIncentiveTermsRequestDto>()([
      { name: 'reason', label: 'Why the terms change', kind: 'textarea', required: true, wide: true },
      { name: 'changes.amount', label: 'New amount', kind: 'money', hint: 'Empty: unchanged.' },
      { name: 'changes.expiresOn', label: 'New expiry', kind: 'date', hint: 'Empty: unchanged.' },
      {
        name: 'changes.description',
        label: 'New description',
        kind: 'textarea',
        hint: 'Empty: unchanged.',
        wide: true,
      },
      {
        name: 'changes.conditions',
        label: 'New conditions',
        kind: 'strings',
        itemLabel: 'Condition',
        hint: 'Empty: unchanged.',
        wide: true,
      },
      ...TRANSITION_FACTS,
    ]),
  },
  closeOffer('accept', 'Record that the country accepted'),
  closeOffer('decline', 'Record that the country declined'),
  closeOffer('withdraw', 'Withdraw the offer', true),
  closeOffer('expire', 'Record that the offer expired'),
  {
    slug: 'complete',
    title: 'Complete the follow-up',
    subject: 'follow-up',
    when: ['open'],
    path: (id) => `/v1/follow-ups/${id}/complete`,
    fields: fieldsOf<CompleteFollowUpRequestDto>()([...TRANSITION_FACTS, note('What was done')]),
  },
  {
    slug: 'milestone',
    title: 'Record a delivered milestone',
    subject: 'support',
    when: ['active'],
    path: (id) => `/v1/technical-support/${id}/milestones`,
    fields: fieldsOf<DeliverMilestoneRequestDto>()([
      { name: 'milestone', label: 'Milestone', kind: 'text', required: true, wide: true },
      ...TRANSITION_FACTS,
      note(),
    ]),
  },
  {
    slug: 'close',
    title: 'Close the support',
    subject: 'support',
    when: ['active'],
    path: (id) => `/v1/technical-support/${id}/close`,
    fields: fieldsOf<CloseTechnicalSupportRequestDto>()([
      { name: 'outcome', label: 'Outcome', kind: 'select', required: true, options: SUPPORT_OUTCOMES },
      ...TRANSITION_FACTS,
      note(),
    ]),
  },
  {
    slug: 'amend-contract',
    title: 'Amend the contract',
    subject: 'contract',
    when: ['active'],
    path: (id) => `/v1/contracts/${id}/amend`,
    fields: fieldsOf<AmendContractRequestDto>()([
      { name: 'reason', label: 'Why the terms change', kind: 'textarea', required: true, wide: true },
      { name: 'changes.units', label: 'New units', kind: 'number', hint: 'Empty: unchanged.' },
      {
        name: 'unitsVendorId',
        label: 'Whose units',
        kind: 'text',
        hint: 'Vendor id; empty: the awarded vendor.',
      },
      { name: 'changes.value', label: 'New value', kind: 'money', hint: 'Empty: unchanged.' },
      { name: 'changes.financing', label: 'New financing', kind: 'text', hint: 'Empty: unchanged.' },
      { name: 'changes.period', label: 'New period', kind: 'period', hint: 'Empty: unchanged.' },
      ...TRANSITION_FACTS,
    ]),
  },
  {
    slug: 'replace',
    title: 'Record replaced equipment',
    subject: 'contract',
    when: ['active'],
    path: (id) => `/v1/contracts/${id}/replace`,
    fields: fieldsOf<ReplaceEquipmentRequestDto>()([
      { name: 'fromVendorId', label: 'From vendor', kind: 'text', required: true, hint: 'Registry id.' },
      { name: 'toVendorId', label: 'To vendor', kind: 'text', required: true, hint: 'Registry id.' },
      { name: 'units', label: 'Units replaced', kind: 'number', required: true },
      { name: 'value', label: 'Value moved', kind: 'money', whenEmpty: 'null', hint: 'Empty: proportional.' },
      ...TRANSITION_FACTS,
      note(),
    ]),
  },
  {
    slug: 'terminate',
    title: 'Terminate the contract',
    subject: 'contract',
    when: ['active'],
    danger: true,
    path: (id) => `/v1/contracts/${id}/terminate`,
    fields: fieldsOf<TerminateContractRequestDto>()([
      { name: 'reason', label: 'Reason', kind: 'textarea', required: true, wide: true },
      {
        name: 'equipment',
        label: 'Awarded vendor’s equipment',
        kind: 'select',
        required: true,
        options: EQUIPMENT,
      },
      {
        name: 'swappedInEquipment',
        label: 'Swapped-in equipment',
        kind: 'select',
        options: EQUIPMENT,
      },
      ...TRANSITION_FACTS,
    ]),
  },
  {
    slug: 'correct',
    title: 'Correct this entry',
    subject: 'any',
    path: (_id, eventId) => `/v1/entries/${eventId}/corrections`,
    // The fields to correct are the entry's type's (correctionFields); the reason is always asked.
    fields: fieldsOf<CorrectEntryRequestDto>()([
      { name: 'reason', label: 'Why it is corrected', kind: 'textarea', required: true, wide: true },
    ]),
  },
  {
    slug: 'retract',
    title: 'Retract this entry',
    subject: 'any',
    danger: true,
    path: (_id, eventId) => `/v1/entries/${eventId}/retractions`,
    fields: fieldsOf<RetractEntryRequestDto>()([
      {
        name: 'reason',
        label: 'Why it should not have been recorded',
        kind: 'textarea',
        required: true,
        wide: true,
      },
    ]),
  },
];

/** The actions an entry offers: its subject's, in the subject's current status, then correction and retraction. */
export function actionsFor(streamId: string, status: string | undefined, retracted: boolean): EntryAction[] {
  if (retracted) return [];
  const subject = subjectOf(streamId)?.kind;
  return ENTRY_ACTIONS.filter(
    (action) =>
      action.subject === 'any' ||
      (action.subject === subject && (status === undefined || !action.when || action.when.includes(status))),
  );
}

export function entryAction(slug: string | undefined): EntryAction | undefined {
  return ENTRY_ACTIONS.find((action) => action.slug === slug);
}

/** The fields a correction may change per event type (the domain's own list), besides occurredAt, source and confidence. */
export const CORRECTABLE: Readonly<Record<string, readonly string[]>> = CORRECTABLE_FIELDS;

/** The form that recorded entries of each type: a correction reuses its fields. */
const RECORDED_BY: Readonly<Record<string, readonly FieldSpec[]>> = {
  EnvoyMeetingHeld: recordForm('meeting')?.fields ?? [],
  DialogueRoundConcluded: recordForm('dialogue')?.fields ?? [],
  FollowUpAssigned: recordForm('follow-up')?.fields ?? [],
  IncentiveOffered: recordForm('offer')?.fields ?? [],
  TechnicalSupportCommitted: recordForm('technical-support')?.fields ?? [],
  ContractAwarded: recordForm('contract')?.fields ?? [],
  CountryResponseObserved: recordForm('response')?.fields ?? [],
  CompetingOfferObserved: recordForm('competing-offer')?.fields ?? [],
  VendorRegistered: recordForm('vendor')?.fields ?? [],
  VendorRiskReclassified: recordForm('vendor-risk')?.fields ?? [],
  FollowUpCompleted: entryAction('complete')?.fields ?? [],
  IncentiveAccepted: entryAction('accept')?.fields ?? [],
  IncentiveDeclined: entryAction('decline')?.fields ?? [],
  IncentiveWithdrawn: entryAction('withdraw')?.fields ?? [],
  IncentiveExpired: entryAction('expire')?.fields ?? [],
  TechnicalSupportMilestoneDelivered: entryAction('milestone')?.fields ?? [],
  TechnicalSupportClosed: entryAction('close')?.fields ?? [],
  ContractTerminated: entryAction('terminate')?.fields ?? [],
  EquipmentReplaced: entryAction('replace')?.fields ?? [],
};

/** The fields of the form that records entries of `eventType`, in its order (none for unknown types). */
export function recordingFields(eventType: string): readonly FieldSpec[] {
  return RECORDED_BY[eventType] ?? [];
}

/**
 * The fields of a correction of an entry of `eventType`: when it happened, source and confidence, then the
 * type's correctable fields as the recording form asks them, each under `changes.`.
 */
export function correctionFields(eventType: string): FieldSpec[] {
  const correctable = new Set(['occurredAt', 'source', 'confidence', ...(CORRECTABLE[eventType] ?? [])]);
  const recorded = RECORDED_BY[eventType] ?? [];
  const fields: FieldSpec[] = recorded
    .filter((field) => correctable.has(field.name))
    .map((field) => ({
      ...field,
      name: `changes.${field.name}`,
      required: false,
      hint: field.hint,
    }));
  const known = new Set(fields.map((f) => f.name));
  for (const name of correctable) {
    if (!known.has(`changes.${name}`) && name !== 'changes') {
      fields.push({ name: `changes.${name}`, label: labelOf(name), kind: 'textarea', wide: true });
    }
  }
  return [...fields, ...(entryAction('correct')?.fields ?? [])];
}
