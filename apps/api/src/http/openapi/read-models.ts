import { SetMetadata } from '@nestjs/common';
import Type, { type Static, type TSchema } from 'typebox';
import {
  CLASSIFICATIONS,
  CONFIDENCE_LEVELS,
  DEPENDENCY_BASES,
  INCENTIVE_INSTRUMENTS,
  NETWORK_DOMAINS,
  RISK_LISTS,
  SUPPORT_OUTCOMES,
  SUPPORT_TYPES,
  UNIT_KINDS,
} from '#domain';
import type { AuditPage } from '../../audit/audit.query.js';
import type { CountryList } from '../../countries/list-countries/list-countries.query.js';
import type { DependencyReport } from '../../dependency/get-dependency/get-dependency.query.js';
import type { DependencyHistory } from '../../dependency/get-dependency-history/get-dependency-history.query.js';
import type { ImportReport } from '../../imports/import-store.js';
import type { CountryRegister } from '../../registers/list-country-register/list-country-register.query.js';
import type { FollowUpList } from '../../registers/list-follow-ups/list-follow-ups.query.js';
import {
  CONTRACT_STATUSES,
  FOLLOW_UP_STATUS_FILTERS,
  INCENTIVE_STATUSES,
  TECHNICAL_SUPPORT_STATUSES,
} from '../../registers/register-item.js';
import type { SearchPage } from '../../search/search.query.js';
import type { EntryRecorded } from '../../shared/entry-store.js';
import type { EntryView } from '../../timeline/get-entry/get-entry.query.js';
import type { TimelinePage } from '../../timeline/get-timeline/get-timeline.query.js';
import type { CorrectionsPage } from '../../timeline/list-corrections/corrections.sql.js';

/*
 * The success bodies of the API as JSON Schemas (TypeBox). The read models are TypeScript interfaces, written where
 * the queries build them; each schema here is checked against its interface by the compiler (`agrees` below: the
 * schema's static type and the interface must be assignable both ways, readonly aside), so neither can change
 * without the other, and the contract test (tests/integration/openapi.int.spec.ts) validates real answers against
 * them with `additionalProperties: false`.
 */

/** One of a list of strings the code already holds (the domain's, the registers'). */
function oneOf<const T extends readonly string[]>(values: T) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
}
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Closed = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const DateOnly = Type.String({ format: 'date' });
const Uuid = Type.String({ format: 'uuid' });

const Classification = oneOf(CLASSIFICATIONS);
const Confidence = oneOf(CONFIDENCE_LEVELS);

/** The 201 of every command. */
const EntryRecordedSchema = Type.Object(
  {
    entryId: Type.String({ description: 'The entry (its stream) the command recorded or changed.' }),
    eventId: Uuid,
    streamId: Type.String(),
    streamVersion: Type.Integer({ minimum: 1 }),
    globalPosition: Type.String({ pattern: '^\\d+$', description: 'A bigint, as decimal digits.' }),
  },
  Closed,
);

const CorrectionsPageSchema = Type.Object(
  {
    total: Type.Integer({ minimum: 0 }),
    items: Type.Array(Type.Unknown(), { description: 'Corrections and the retraction, newest first.' }),
    nextCursor: Nullable(Type.String()),
  },
  Closed,
);

const entryFields = {
  eventId: Uuid,
  eventType: Type.String(),
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  occurredAt: Instant,
  recordedAt: Instant,
  recordedBy: Type.String(),
  classification: Classification,
  source: Nullable(Type.String()),
  confidence: Nullable(Confidence),
  headline: Type.String(),
  topics: Type.Array(Type.String()),
  vendors: Type.Array(Type.String()),
  participants: Type.Array(Type.String()),
  revision: Type.Integer({ minimum: 1 }),
  retracted: Type.Boolean(),
  corrections: CorrectionsPageSchema,
  streamId: Type.String(),
  streamVersion: Type.Integer({ minimum: 1 }),
  globalPosition: Type.String({ pattern: '^\\d+$' }),
  data: Type.Unknown({ description: "The event's data as corrected (its shape is the event type's)." }),
};

const TimelineEntrySchema = Type.Object(entryFields, Closed);

const TimelinePageSchema = Type.Object(
  { country: Type.String(), entries: Type.Array(TimelineEntrySchema), nextCursor: Nullable(Type.String()) },
  Closed,
);

const ParkedSchema = Type.Object(
  { projection: Type.String(), reason: Type.String(), deadEventId: Type.String(), parkedAt: Instant },
  Closed,
);

const EntryViewSchema = Type.Object({ ...entryFields, parked: Nullable(ParkedSchema) }, Closed);

const CorrectionsFoundSchema = Type.Object({ ...CorrectionsPageSchema.properties, eventId: Uuid }, Closed);

/** Money as the API answers it; a register written before amounts had `amount` may hold minor units only. */
const MoneySchema = Type.Union([
  Type.Object(
    { amount: Type.String(), minor: Type.String({ pattern: '^\\d+$' }), currency: Type.String() },
    Closed,
  ),
  Type.Object({ minor: Type.String({ pattern: '^\\d+$' }), currency: Type.String() }, Closed),
]);

const Period = Type.Object({ start: DateOnly, end: Nullable(DateOnly) }, Closed);

const header = <S extends TSchema>(status: S) => ({
  id: Type.String(),
  streamId: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  status,
  country: Type.String(),
  classification: Classification,
  occurredAt: Instant,
  source: Nullable(Type.String()),
  confidence: Nullable(Confidence),
});

const IncentiveOfferItemSchema = Type.Object(
  {
    ...header(oneOf(INCENTIVE_STATUSES)),
    lapsed: Type.Boolean(),
    instrument: oneOf(INCENTIVE_INSTRUMENTS),
    agency: Type.String(),
    description: Type.String(),
    amount: Nullable(MoneySchema),
    conditions: Type.Array(Type.String()),
    expiresOn: Nullable(DateOnly),
    closedAt: Nullable(Instant),
    amendments: Type.Integer({ minimum: 0 }),
  },
  Closed,
);

const ContractItemSchema = Type.Object(
  {
    ...header(oneOf(CONTRACT_STATUSES)),
    operator: Type.String(),
    domain: oneOf(NETWORK_DOMAINS),
    generation: Type.String(),
    description: Type.String(),
    vendorId: Type.String(),
    vendorName: Type.String(),
    vendorOrigin: Type.String(),
    vendorHighRisk: Type.Boolean(),
    units: Type.Integer({ minimum: 0 }),
    unitKind: oneOf(UNIT_KINDS),
    value: Nullable(MoneySchema),
    financing: Nullable(Type.String()),
    period: Period,
    holdings: Type.Array(
      Type.Object({ vendorId: Type.String(), units: Type.Integer(), value: Nullable(MoneySchema) }, Closed),
    ),
    replacedUnits: Type.Integer({ minimum: 0 }),
    terminatedAt: Nullable(Instant),
  },
  Closed,
);

const TechnicalSupportItemSchema = Type.Object(
  {
    ...header(oneOf(TECHNICAL_SUPPORT_STATUSES)),
    supportType: oneOf(SUPPORT_TYPES),
    provider: Type.String(),
    beneficiary: Type.String(),
    description: Type.String(),
    period: Period,
    budget: Nullable(MoneySchema),
    milestones: Type.Array(
      Type.Object({ milestone: Type.String(), deliveredAt: Instant, note: Type.String() }, Closed),
    ),
    outcome: Nullable(oneOf(SUPPORT_OUTCOMES)),
    closedAt: Nullable(Instant),
  },
  Closed,
);

const FollowUpItemSchema = Type.Object(
  {
    ...header(oneOf(['open', 'done'] as const)),
    owner: Type.String(),
    action: Type.String(),
    dueDate: DateOnly,
    overdue: Type.Boolean(),
    sourceEventId: Uuid,
    completedAt: Nullable(Instant),
    note: Nullable(Type.String()),
  },
  Closed,
);

const registerPage = <S extends TSchema, I extends TSchema>(status: S, item: I) =>
  Type.Object(
    {
      country: Type.String(),
      status: Nullable(status),
      knownAt: Instant,
      today: DateOnly,
      items: Type.Array(item),
      nextCursor: Nullable(Type.String()),
    },
    Closed,
  );

const IncentiveOfferRegisterSchema = registerPage(oneOf(INCENTIVE_STATUSES), IncentiveOfferItemSchema);
const ContractRegisterSchema = registerPage(oneOf(CONTRACT_STATUSES), ContractItemSchema);
const TechnicalSupportRegisterSchema = registerPage(
  oneOf(TECHNICAL_SUPPORT_STATUSES),
  TechnicalSupportItemSchema,
);
const FollowUpListSchema = Type.Object(
  {
    country: Nullable(Type.String()),
    status: Nullable(oneOf(FOLLOW_UP_STATUS_FILTERS)),
    knownAt: Instant,
    today: DateOnly,
    items: Type.Array(FollowUpItemSchema),
    nextCursor: Nullable(Type.String()),
  },
  Closed,
);

const SearchPageSchema = Type.Object(
  {
    q: Type.String(),
    items: Type.Array(
      Type.Object(
        {
          eventId: Uuid,
          eventType: Type.String(),
          country: Type.String(),
          occurredAt: Instant,
          headline: Type.String(),
          classification: Type.String(),
          snippet: Type.String({ description: 'Plain text, each match between « and ».' }),
          rank: Type.Number({ minimum: 0, maximum: 1 }),
        },
        Closed,
      ),
    ),
    nextCursor: Nullable(Type.String()),
  },
  Closed,
);

const DependencySummarySchema = Type.Object(
  {
    domain: oneOf(NETWORK_DOMAINS),
    unitKind: Nullable(oneOf(UNIT_KINDS)),
    total: Type.Number(),
    highRiskSharePercent: Type.Number(),
    unknownRiskSharePercent: Type.Number(),
    hhi: Type.Number(),
    band: Nullable(oneOf(['unconcentrated', 'moderate', 'high'] as const)),
  },
  Closed,
);

const CountryListSchema = Type.Object(
  {
    asOf: Type.String(),
    knownAt: Type.String(),
    riskList: oneOf(RISK_LISTS),
    dependencyScope: Type.String(),
    hhiBands: Type.String(),
    countries: Type.Array(
      Type.Object(
        {
          country: Type.String(),
          lastEngagement: Nullable(
            Type.Object({ eventId: Uuid, occurredAt: Instant, headline: Type.String() }, Closed),
          ),
          stance: Nullable(
            Type.Object({ stance: Type.String(), occurredAt: Instant, eventId: Uuid }, Closed),
          ),
          openFollowUps: Type.Integer({ minimum: 0 }),
          overdueFollowUps: Type.Integer({ minimum: 0 }),
          openOffers: Type.Integer({ minimum: 0 }),
          dependency: Type.Object(
            {
              now: Type.Array(DependencySummarySchema),
              twelveMonthsAgo: Type.Array(DependencySummarySchema),
            },
            Closed,
          ),
        },
        Closed,
      ),
    ),
  },
  Closed,
);

const MoneyViewSchema = Type.Object(
  { amount: Type.String(), minor: Type.String({ pattern: '^\\d+$' }), currency: Type.String() },
  Closed,
);
/** A count on the units basis, money on the value basis. */
const FigureAmount = Type.Union([Type.Number(), MoneyViewSchema]);

const VendorShareSchema = Type.Object(
  {
    vendorId: Type.String(),
    name: Type.String(),
    origin: Type.String(),
    highRisk: Nullable(Type.Boolean()),
    amount: FigureAmount,
    sharePercent: Type.Number(),
  },
  Closed,
);

const DomainDependencySchema = Type.Object(
  {
    domain: oneOf([...NETWORK_DOMAINS, 'all'] as const),
    basis: oneOf(DEPENDENCY_BASES),
    unitKind: Nullable(oneOf(UNIT_KINDS)),
    currency: Nullable(Type.String()),
    total: FigureAmount,
    vendorCount: Type.Integer({ minimum: 0 }),
    vendors: Type.Array(VendorShareSchema),
    origins: Type.Array(
      Type.Object({ origin: Type.String(), amount: FigureAmount, sharePercent: Type.Number() }, Closed),
    ),
    highRiskSharePercent: Type.Number(),
    unknownRiskSharePercent: Type.Number(),
    hhi: Type.Number(),
    band: Nullable(oneOf(['unconcentrated', 'moderate', 'high'] as const)),
    highRiskInCore: Type.Boolean(),
  },
  Closed,
);

const DependencyReportSchema = Type.Object(
  {
    country: Type.String(),
    asOf: Type.String(),
    knownAt: Type.String(),
    basis: oneOf(DEPENDENCY_BASES),
    riskList: oneOf(RISK_LISTS),
    hhiBands: Type.String(),
    domain: oneOf([...NETWORK_DOMAINS, 'all'] as const),
    figures: Type.Array(DomainDependencySchema),
    domains: Type.Array(DomainDependencySchema),
  },
  Closed,
);

const FigureSummarySchema = Type.Object(
  {
    total: FigureAmount,
    highRiskSharePercent: Type.Number(),
    unknownRiskSharePercent: Type.Number(),
    hhi: Type.Number(),
    vendorCount: Type.Integer({ minimum: 0 }),
    highRiskInCore: Type.Boolean(),
  },
  Closed,
);

const PrecedingEntrySchema = Type.Object(
  { eventId: Uuid, eventType: Type.String(), occurredAt: Instant, headline: Type.String() },
  Closed,
);

const MoveSchema = Type.Object(
  {
    at: Type.String(),
    causes: Type.Array(
      Type.Union([
        Type.Object(
          {
            kind: Type.Literal('contract'),
            eventId: Uuid,
            eventType: Type.String(),
            contractId: Type.String(),
            effect: oneOf(['change', 'period-ended'] as const),
          },
          Closed,
        ),
        Type.Object(
          {
            kind: Type.Literal('reclassification'),
            eventId: Uuid,
            eventType: Type.String(),
            vendorId: Type.String(),
            highRisk: Type.Boolean(),
          },
          Closed,
        ),
      ]),
    ),
    before: FigureSummarySchema,
    after: FigureSummarySchema,
    preceding: Nullable(
      Type.Object(
        {
          ours: Type.Array(PrecedingEntrySchema),
          country: Type.Array(PrecedingEntrySchema),
          rivals: Type.Array(PrecedingEntrySchema),
        },
        Closed,
      ),
    ),
  },
  Closed,
);

const DependencyHistorySchema = Type.Object(
  {
    country: Type.String(),
    from: Type.String(),
    to: Type.String(),
    interval: Type.Literal('month'),
    basis: oneOf(DEPENDENCY_BASES),
    domain: oneOf([...NETWORK_DOMAINS, 'all', 'each'] as const),
    riskList: oneOf(RISK_LISTS),
    knownAt: Type.String(),
    lookbackDays: Type.Integer({ minimum: 0 }),
    hhiBands: Type.String(),
    series: Type.Array(
      Type.Object(
        {
          domain: oneOf([...NETWORK_DOMAINS, 'all'] as const),
          unitKind: Nullable(oneOf(UNIT_KINDS)),
          currency: Nullable(Type.String()),
          points: Type.Array(
            Type.Object(
              {
                at: Type.String(),
                total: FigureAmount,
                highRiskSharePercent: Type.Number(),
                unknownRiskSharePercent: Type.Number(),
                hhi: Type.Number(),
                band: Nullable(oneOf(['unconcentrated', 'moderate', 'high'] as const)),
                vendorCount: Type.Integer({ minimum: 0 }),
                highRiskInCore: Type.Boolean(),
                vendors: Type.Array(VendorShareSchema),
                moves: Type.Array(MoveSchema),
              },
              Closed,
            ),
          ),
        },
        Closed,
      ),
    ),
  },
  Closed,
);

const AuditPageSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          eventId: Uuid,
          type: Type.String(),
          action: oneOf(['recorded', 'corrected', 'retracted', 'changed'] as const),
          streamId: Type.String(),
          country: Type.String(),
          classification: Type.String(),
          recordedBy: Type.String(),
          recordedAt: Instant,
          targetEventId: Type.Optional(Uuid),
        },
        Closed,
      ),
    ),
    nextCursor: Nullable(Type.String()),
  },
  Closed,
);

const ImportReportSchema = Type.Object(
  {
    id: Uuid,
    fileKey: Type.String(),
    format: oneOf(['ndjson', 'csv'] as const),
    command: Nullable(Type.String()),
    status: oneOf(['running', 'done', 'failed'] as const),
    failure: Nullable(Type.String()),
    lines: Type.Integer({ minimum: 0, description: 'Lines read (blank lines are not counted).' }),
    recorded: Type.Integer({ minimum: 0, description: 'Lines recorded by this run.' }),
    duplicates: Type.Integer({ minimum: 0, description: 'Lines an earlier run of the file recorded.' }),
    rejected: Type.Integer({ minimum: 0, description: 'Lines refused; each has its errors.' }),
    startedAt: Instant,
    updatedAt: Instant,
    finishedAt: Nullable(Instant),
    errors: Type.Array(
      Type.Object(
        {
          line: Type.Integer({ minimum: 1 }),
          status: Type.Integer({
            description: "The status the line's route answered (400 for a line not read).",
          }),
          field: Nullable(Type.String()),
          message: Type.String(),
        },
        Closed,
      ),
      { description: 'The first 1,000 refused lines’ errors, by line.' },
    ),
    errorsTruncated: Type.Boolean(),
  },
  Closed,
);

/** Every documented success body, by its name in components.schemas. */
export const RESPONSE_SCHEMAS = {
  EntryRecorded: EntryRecordedSchema,
  TimelinePage: TimelinePageSchema,
  EntryView: EntryViewSchema,
  CorrectionsFound: CorrectionsFoundSchema,
  IncentiveOfferRegister: IncentiveOfferRegisterSchema,
  ContractRegister: ContractRegisterSchema,
  TechnicalSupportRegister: TechnicalSupportRegisterSchema,
  FollowUpList: FollowUpListSchema,
  SearchPage: SearchPageSchema,
  CountryList: CountryListSchema,
  DependencyReport: DependencyReportSchema,
  DependencyHistory: DependencyHistorySchema,
  AuditPage: AuditPageSchema,
  ImportReport: ImportReportSchema,
} as const;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;

/** Documents a handler's 200 body as the named read-model schema (metadata only: no effect on the answer). */
export const AnswersWith = (name: ResponseSchemaName) => SetMetadata(RESPONSE_METADATA, name);
export const RESPONSE_METADATA = 'demarche:response-schema';

/** Readonly-ness set aside, so that `readonly T[]` and `T[]` compare equal. */
type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;
type Agrees<Schema, Model> = [Frozen<Schema>] extends [Frozen<Model>]
  ? [Frozen<Model>] extends [Frozen<Schema>]
    ? true
    : 'the read model has something the schema does not'
  : 'the schema has something the read model does not';
/** Fails to compile unless every check is true. */
type AllAgree<Checks extends readonly true[]> = Checks;

// Each schema against the type its handler returns: a change to either side that the other does not follow fails
// `tsc`.
export type ResponseSchemasAgree = AllAgree<
  [
    Agrees<Static<typeof EntryRecordedSchema>, EntryRecorded>,
    Agrees<Static<typeof TimelinePageSchema>, TimelinePage>,
    Agrees<Static<typeof EntryViewSchema>, EntryView>,
    Agrees<Static<typeof CorrectionsFoundSchema>, CorrectionsPage & { readonly eventId: string }>,
    Agrees<Static<typeof IncentiveOfferRegisterSchema>, CountryRegister<'incentive-offer'>>,
    Agrees<Static<typeof ContractRegisterSchema>, CountryRegister<'contract'>>,
    Agrees<Static<typeof TechnicalSupportRegisterSchema>, CountryRegister<'technical-support'>>,
    Agrees<Static<typeof FollowUpListSchema>, FollowUpList>,
    Agrees<Static<typeof SearchPageSchema>, SearchPage>,
    Agrees<Static<typeof CountryListSchema>, CountryList>,
    Agrees<Static<typeof DependencyReportSchema>, DependencyReport>,
    Agrees<Static<typeof DependencyHistorySchema>, DependencyHistory>,
    Agrees<Static<typeof AuditPageSchema>, AuditPage>,
    Agrees<Static<typeof ImportReportSchema>, ImportReport>,
  ]
>;
