import { AmendContractRequestDto } from '../contracts/amend-contract/amend-contract.request.dto.js';
import { AwardContractRequestDto } from '../contracts/award-contract/award-contract.request.dto.js';
import { ReplaceEquipmentRequestDto } from '../contracts/replace-equipment/replace-equipment.request.dto.js';
import { TerminateContractRequestDto } from '../contracts/terminate-contract/terminate-contract.request.dto.js';
import { CorrectEntryRequestDto } from '../corrections/correct-entry/correct-entry.request.dto.js';
import { RetractEntryRequestDto } from '../corrections/retract-entry/retract-entry.request.dto.js';
import { RecordDialogueRoundRequestDto } from '../engagements/record-dialogue-round/record-dialogue-round.request.dto.js';
import { RecordEnvoyMeetingRequestDto } from '../engagements/record-envoy-meeting/record-envoy-meeting.request.dto.js';
import { AssignFollowUpRequestDto } from '../follow-ups/assign-follow-up/assign-follow-up.request.dto.js';
import { CompleteFollowUpRequestDto } from '../follow-ups/complete-follow-up/complete-follow-up.request.dto.js';
import { AmendIncentiveTermsRequestDto } from '../incentives/amend-incentive-terms/amend-incentive-terms.request.dto.js';
import { CloseIncentiveOfferRequestDto } from '../incentives/close-incentive-offer/close-incentive-offer.request.dto.js';
import { OfferIncentiveRequestDto } from '../incentives/offer-incentive/offer-incentive.request.dto.js';
import { ObserveCompetingOfferRequestDto } from '../observations/observe-competing-offer/observe-competing-offer.request.dto.js';
import { ObserveCountryResponseRequestDto } from '../observations/observe-country-response/observe-country-response.request.dto.js';
import { CloseTechnicalSupportRequestDto } from '../technical-support/close-technical-support/close-technical-support.request.dto.js';
import { CommitTechnicalSupportRequestDto } from '../technical-support/commit-technical-support/commit-technical-support.request.dto.js';
import { DeliverMilestoneRequestDto } from '../technical-support/deliver-milestone/deliver-milestone.request.dto.js';
import { ReclassifyVendorRiskRequestDto } from '../vendors/reclassify-vendor-risk/reclassify-vendor-risk.request.dto.js';
import { RegisterVendorRequestDto } from '../vendors/register-vendor/register-vendor.request.dto.js';

// The commands a bulk import takes: each is the API's own command route, named as the command it runs. A line is
// sent through that route in-process, so it is validated, authorised, decided and recorded exactly as a request
// to the route would be.

/** What a route needs from a line besides its body: the country in its path, or the id of the entry it changes. */
export interface ImportCommand {
  readonly path: string;
  readonly needs: 'country' | 'id' | 'nothing';
  /** The route's request DTO: what a CSV row's text cells are converted by (a number column becomes a number). */
  readonly dto: new () => object;
}

export const IMPORT_COMMANDS = {
  'record-envoy-meeting': {
    path: '/v1/countries/{country}/meetings',
    needs: 'country',
    dto: RecordEnvoyMeetingRequestDto,
  },
  'record-dialogue-round': {
    path: '/v1/countries/{country}/dialogues',
    needs: 'country',
    dto: RecordDialogueRoundRequestDto,
  },
  'observe-country-response': {
    path: '/v1/countries/{country}/responses',
    needs: 'country',
    dto: ObserveCountryResponseRequestDto,
  },
  'observe-competing-offer': {
    path: '/v1/countries/{country}/competing-offers',
    needs: 'country',
    dto: ObserveCompetingOfferRequestDto,
  },
  'offer-incentive': {
    path: '/v1/countries/{country}/incentive-offers',
    needs: 'country',
    dto: OfferIncentiveRequestDto,
  },
  'commit-technical-support': {
    path: '/v1/countries/{country}/technical-support',
    needs: 'country',
    dto: CommitTechnicalSupportRequestDto,
  },
  'award-contract': {
    path: '/v1/countries/{country}/contracts',
    needs: 'country',
    dto: AwardContractRequestDto,
  },
  'assign-follow-up': { path: '/v1/follow-ups', needs: 'nothing', dto: AssignFollowUpRequestDto },
  'complete-follow-up': {
    path: '/v1/follow-ups/{id}/complete',
    needs: 'id',
    dto: CompleteFollowUpRequestDto,
  },
  'amend-incentive-terms': {
    path: '/v1/incentive-offers/{id}/amend',
    needs: 'id',
    dto: AmendIncentiveTermsRequestDto,
  },
  'accept-incentive': {
    path: '/v1/incentive-offers/{id}/accept',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
  },
  'decline-incentive': {
    path: '/v1/incentive-offers/{id}/decline',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
  },
  'withdraw-incentive': {
    path: '/v1/incentive-offers/{id}/withdraw',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
  },
  'expire-incentive': {
    path: '/v1/incentive-offers/{id}/expire',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
  },
  'deliver-milestone': {
    path: '/v1/technical-support/{id}/milestones',
    needs: 'id',
    dto: DeliverMilestoneRequestDto,
  },
  'close-technical-support': {
    path: '/v1/technical-support/{id}/close',
    needs: 'id',
    dto: CloseTechnicalSupportRequestDto,
  },
  'amend-contract': { path: '/v1/contracts/{id}/amend', needs: 'id', dto: AmendContractRequestDto },
  'replace-equipment': { path: '/v1/contracts/{id}/replace', needs: 'id', dto: ReplaceEquipmentRequestDto },
  'terminate-contract': {
    path: '/v1/contracts/{id}/terminate',
    needs: 'id',
    dto: TerminateContractRequestDto,
  },
  'correct-entry': { path: '/v1/entries/{id}/corrections', needs: 'id', dto: CorrectEntryRequestDto },
  'retract-entry': { path: '/v1/entries/{id}/retractions', needs: 'id', dto: RetractEntryRequestDto },
  'register-vendor': { path: '/v1/vendors', needs: 'nothing', dto: RegisterVendorRequestDto },
  'reclassify-vendor-risk': {
    path: '/v1/vendors/{id}/risk',
    needs: 'id',
    dto: ReclassifyVendorRiskRequestDto,
  },
} as const satisfies Record<string, ImportCommand>;

export type ImportCommandName = keyof typeof IMPORT_COMMANDS;
export const IMPORT_COMMAND_NAMES = Object.keys(IMPORT_COMMANDS) as ImportCommandName[];

export function isImportCommand(name: unknown): name is ImportCommandName {
  return typeof name === 'string' && Object.hasOwn(IMPORT_COMMANDS, name);
}
