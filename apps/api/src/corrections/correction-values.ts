import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, type ValidationError, validate } from 'class-validator';
import {
  CORRECTABLE_FIELDS,
  type EntryEventType,
  isEntryEventType,
  isEventFactField,
  mapMoneyFields,
  parseMoney,
  type RecordedEvent,
} from '#domain';
import { AmendContractRequestDto } from '../contracts/amend-contract/amend-contract.request.dto.js';
import { AwardContractRequestDto } from '../contracts/award-contract/award-contract.request.dto.js';
import { ReplaceEquipmentRequestDto } from '../contracts/replace-equipment/replace-equipment.request.dto.js';
import { TerminateContractRequestDto } from '../contracts/terminate-contract/terminate-contract.request.dto.js';
import { RecordDialogueRoundRequestDto } from '../engagements/record-dialogue-round/record-dialogue-round.request.dto.js';
import { RecordEnvoyMeetingRequestDto } from '../engagements/record-envoy-meeting/record-envoy-meeting.request.dto.js';
import { AssignFollowUpRequestDto } from '../follow-ups/assign-follow-up/assign-follow-up.request.dto.js';
import { CompleteFollowUpRequestDto } from '../follow-ups/complete-follow-up/complete-follow-up.request.dto.js';
import type { FieldError } from '../http/problem.js';
import { RequestValidationException, toFieldErrors } from '../http/validation.js';
import { AmendIncentiveTermsRequestDto } from '../incentives/amend-incentive-terms/amend-incentive-terms.request.dto.js';
import { CloseIncentiveOfferRequestDto } from '../incentives/close-incentive-offer/close-incentive-offer.request.dto.js';
import { OfferIncentiveRequestDto } from '../incentives/offer-incentive/offer-incentive.request.dto.js';
import { ObserveCompetingOfferRequestDto } from '../observations/observe-competing-offer/observe-competing-offer.request.dto.js';
import { ObserveCountryResponseRequestDto } from '../observations/observe-country-response/observe-country-response.request.dto.js';
import { TransitionFactsDto } from '../shared/dto.js';
import type { MoneyDto } from '../shared/money.dto.js';
import { CloseTechnicalSupportRequestDto } from '../technical-support/close-technical-support/close-technical-support.request.dto.js';
import { CommitTechnicalSupportRequestDto } from '../technical-support/commit-technical-support/commit-technical-support.request.dto.js';
import { DeliverMilestoneRequestDto } from '../technical-support/deliver-milestone/deliver-milestone.request.dto.js';
import { ReclassifyVendorRiskRequestDto } from '../vendors/reclassify-vendor-risk/reclassify-vendor-risk.request.dto.js';
import { RegisterVendorRequestDto } from '../vendors/register-vendor/register-vendor.request.dto.js';

type RequestDto = new () => object;

/**
 * The request DTO of the command that records each event type: a corrected value is checked with the very rules
 * the value was first checked with. Keyed by event type, so a new type does not compile until it is named here.
 */
export const CREATING_REQUEST: { readonly [T in EntryEventType]: RequestDto } = {
  EnvoyMeetingHeld: RecordEnvoyMeetingRequestDto,
  DialogueRoundConcluded: RecordDialogueRoundRequestDto,
  FollowUpAssigned: AssignFollowUpRequestDto,
  FollowUpCompleted: CompleteFollowUpRequestDto,
  IncentiveOffered: OfferIncentiveRequestDto,
  IncentiveTermsAmended: AmendIncentiveTermsRequestDto,
  IncentiveAccepted: CloseIncentiveOfferRequestDto,
  IncentiveDeclined: CloseIncentiveOfferRequestDto,
  IncentiveWithdrawn: CloseIncentiveOfferRequestDto,
  IncentiveExpired: CloseIncentiveOfferRequestDto,
  TechnicalSupportCommitted: CommitTechnicalSupportRequestDto,
  TechnicalSupportMilestoneDelivered: DeliverMilestoneRequestDto,
  TechnicalSupportClosed: CloseTechnicalSupportRequestDto,
  ContractAwarded: AwardContractRequestDto,
  ContractAmended: AmendContractRequestDto,
  ContractTerminated: TerminateContractRequestDto,
  EquipmentReplaced: ReplaceEquipmentRequestDto,
  CountryResponseObserved: ObserveCountryResponseRequestDto,
  CompetingOfferObserved: ObserveCompetingOfferRequestDto,
  VendorRegistered: RegisterVendorRequestDto,
  VendorRiskReclassified: ReclassifyVendorRiskRequestDto,
};

/** As the API's strict validation pipe: unknown fields, nested ones included, are errors. */
const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
} as const;

/** The properties a request DTO has rules for. */
export function ruledProperties(dto: RequestDto): ReadonlySet<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  );
}

/**
 * Which DTO checks each changed field: the creating command's, or for an event fact its command does not take
 * (a vendor event's source, say) the facts every change to an entry takes.
 */
export function ruleFor(type: EntryEventType, field: string): RequestDto | undefined {
  const dto = CREATING_REQUEST[type];
  if (ruledProperties(dto).has(field)) return dto;
  return isEventFactField(field) ? TransitionFactsDto : undefined;
}

/** A null where the command would put a default (`swappedInEquipment`, say) is not a value it records. */
function nullsForDefaults(
  dto: RequestDto,
  fields: readonly string[],
  changes: Readonly<Record<string, unknown>>,
) {
  const defaults = new dto() as Record<string, unknown>;
  return fields
    .filter((f) => changes[f] === null && defaults[f] !== undefined && defaults[f] !== null)
    .map((f) => ({ field: `changes.${f}`, message: `changes.${f} cannot be null` }));
}

/**
 * Checks the values of a correction with the rules of the command that created the entry: the DTO is built
 * from the corrected event (its correctable fields and facts) with the changes as sent, validated as a request
 * would be, and errors on the changed fields are refused as a 400 naming them `changes.<field>`.
 */
export async function assertCorrectedValues(
  corrected: RecordedEvent,
  changes: Readonly<Record<string, unknown>>,
): Promise<void> {
  const type = corrected.type;
  if (!isEntryEventType(type)) return; // decideCorrection has already refused to correct it
  const data = (corrected.data ?? {}) as Record<string, unknown>;
  const plain: Record<string, unknown> = {
    occurredAt: corrected.occurredAt,
    source: corrected.source,
    confidence: corrected.confidence,
    ...Object.fromEntries(CORRECTABLE_FIELDS[type].map((f) => [f, data[f]])),
    ...changes,
  };
  const byDto = new Map<RequestDto, string[]>();
  for (const field of Object.keys(changes)) {
    const dto = ruleFor(type, field);
    if (!dto) throw new Error(`no request rule checks ${type}.${field}; name it in ${type}'s request DTO`);
    byDto.set(dto, [...(byDto.get(dto) ?? []), field]);
  }
  const errors: FieldError[] = [];
  for (const [dto, fields] of byDto) {
    const found: ValidationError[] = await validate(plainToInstance(dto, plain) as object, OPTIONS);
    errors.push(
      ...toFieldErrors(
        found.filter((e) => fields.includes(e.property)),
        'changes',
      ),
    );
    errors.push(...nullsForDefaults(dto, fields, changes));
  }
  if (errors.length > 0) throw new RequestValidationException(errors);
}

/**
 * A correction's changes as the event records them: each amount of money the API took as a decimal string
 * (`{ amount: "1500000.50", currency }`, checked by assertCorrectedValues) in integer minor units, as the
 * corrected event holds it. Other values as sent.
 */
export function recordedChanges(
  type: string,
  changes: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  return mapMoneyFields(type, changes, (money) => {
    const { amount, currency } = money as MoneyDto;
    return parseMoney(amount, currency);
  });
}
