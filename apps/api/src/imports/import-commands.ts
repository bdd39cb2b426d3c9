import type { PipeTransform } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import { AmendContractCommand } from '../contracts/amend-contract/amend-contract.command.js';
import { AmendContractHttpController } from '../contracts/amend-contract/amend-contract.http.controller.js';
import { AmendContractRequestDto } from '../contracts/amend-contract/amend-contract.request.dto.js';
import { AwardContractCommand } from '../contracts/award-contract/award-contract.command.js';
import { AwardContractHttpController } from '../contracts/award-contract/award-contract.http.controller.js';
import { AwardContractRequestDto } from '../contracts/award-contract/award-contract.request.dto.js';
import { ReplaceEquipmentCommand } from '../contracts/replace-equipment/replace-equipment.command.js';
import { ReplaceEquipmentHttpController } from '../contracts/replace-equipment/replace-equipment.http.controller.js';
import { ReplaceEquipmentRequestDto } from '../contracts/replace-equipment/replace-equipment.request.dto.js';
import { TerminateContractCommand } from '../contracts/terminate-contract/terminate-contract.command.js';
import { TerminateContractHttpController } from '../contracts/terminate-contract/terminate-contract.http.controller.js';
import { TerminateContractRequestDto } from '../contracts/terminate-contract/terminate-contract.request.dto.js';
import { CorrectEntryCommand } from '../corrections/correct-entry/correct-entry.command.js';
import { CorrectEntryHttpController } from '../corrections/correct-entry/correct-entry.http.controller.js';
import { CorrectEntryRequestDto } from '../corrections/correct-entry/correct-entry.request.dto.js';
import { RetractEntryCommand } from '../corrections/retract-entry/retract-entry.command.js';
import { RetractEntryHttpController } from '../corrections/retract-entry/retract-entry.http.controller.js';
import { RetractEntryRequestDto } from '../corrections/retract-entry/retract-entry.request.dto.js';
import { RecordDialogueRoundCommand } from '../engagements/record-dialogue-round/record-dialogue-round.command.js';
import { RecordDialogueRoundHttpController } from '../engagements/record-dialogue-round/record-dialogue-round.http.controller.js';
import { RecordDialogueRoundRequestDto } from '../engagements/record-dialogue-round/record-dialogue-round.request.dto.js';
import { RecordEnvoyMeetingCommand } from '../engagements/record-envoy-meeting/record-envoy-meeting.command.js';
import { RecordEnvoyMeetingHttpController } from '../engagements/record-envoy-meeting/record-envoy-meeting.http.controller.js';
import { RecordEnvoyMeetingRequestDto } from '../engagements/record-envoy-meeting/record-envoy-meeting.request.dto.js';
import { AssignFollowUpCommand } from '../follow-ups/assign-follow-up/assign-follow-up.command.js';
import { AssignFollowUpHttpController } from '../follow-ups/assign-follow-up/assign-follow-up.http.controller.js';
import { AssignFollowUpRequestDto } from '../follow-ups/assign-follow-up/assign-follow-up.request.dto.js';
import { CompleteFollowUpCommand } from '../follow-ups/complete-follow-up/complete-follow-up.command.js';
import { CompleteFollowUpHttpController } from '../follow-ups/complete-follow-up/complete-follow-up.http.controller.js';
import { CompleteFollowUpRequestDto } from '../follow-ups/complete-follow-up/complete-follow-up.request.dto.js';
import { CountryCodePipe } from '../http/country-code.pipe.js';
import { uuidParam, VendorIdPipe } from '../http/id-param.pipe.js';
import type { RequestContext } from '../http/request-context.js';
import { AmendIncentiveTermsCommand } from '../incentives/amend-incentive-terms/amend-incentive-terms.command.js';
import { AmendIncentiveTermsHttpController } from '../incentives/amend-incentive-terms/amend-incentive-terms.http.controller.js';
import { AmendIncentiveTermsRequestDto } from '../incentives/amend-incentive-terms/amend-incentive-terms.request.dto.js';
import { CloseIncentiveOfferCommand } from '../incentives/close-incentive-offer/close-incentive-offer.command.js';
import { CloseIncentiveOfferHttpController } from '../incentives/close-incentive-offer/close-incentive-offer.http.controller.js';
import { CloseIncentiveOfferRequestDto } from '../incentives/close-incentive-offer/close-incentive-offer.request.dto.js';
import { OfferIncentiveCommand } from '../incentives/offer-incentive/offer-incentive.command.js';
import { OfferIncentiveHttpController } from '../incentives/offer-incentive/offer-incentive.http.controller.js';
import { OfferIncentiveRequestDto } from '../incentives/offer-incentive/offer-incentive.request.dto.js';
import { ObserveCompetingOfferCommand } from '../observations/observe-competing-offer/observe-competing-offer.command.js';
import { ObserveCompetingOfferHttpController } from '../observations/observe-competing-offer/observe-competing-offer.http.controller.js';
import { ObserveCompetingOfferRequestDto } from '../observations/observe-competing-offer/observe-competing-offer.request.dto.js';
import { ObserveCountryResponseCommand } from '../observations/observe-country-response/observe-country-response.command.js';
import { ObserveCountryResponseHttpController } from '../observations/observe-country-response/observe-country-response.http.controller.js';
import { ObserveCountryResponseRequestDto } from '../observations/observe-country-response/observe-country-response.request.dto.js';
import type { EntryRecorded } from '../shared/entry-store.js';
import { CloseTechnicalSupportCommand } from '../technical-support/close-technical-support/close-technical-support.command.js';
import { CloseTechnicalSupportHttpController } from '../technical-support/close-technical-support/close-technical-support.http.controller.js';
import { CloseTechnicalSupportRequestDto } from '../technical-support/close-technical-support/close-technical-support.request.dto.js';
import { CommitTechnicalSupportCommand } from '../technical-support/commit-technical-support/commit-technical-support.command.js';
import { CommitTechnicalSupportHttpController } from '../technical-support/commit-technical-support/commit-technical-support.http.controller.js';
import { CommitTechnicalSupportRequestDto } from '../technical-support/commit-technical-support/commit-technical-support.request.dto.js';
import { DeliverMilestoneCommand } from '../technical-support/deliver-milestone/deliver-milestone.command.js';
import { DeliverMilestoneHttpController } from '../technical-support/deliver-milestone/deliver-milestone.http.controller.js';
import { DeliverMilestoneRequestDto } from '../technical-support/deliver-milestone/deliver-milestone.request.dto.js';
import { ReclassifyVendorRiskCommand } from '../vendors/reclassify-vendor-risk/reclassify-vendor-risk.command.js';
import { ReclassifyVendorRiskHttpController } from '../vendors/reclassify-vendor-risk/reclassify-vendor-risk.http.controller.js';
import { ReclassifyVendorRiskRequestDto } from '../vendors/reclassify-vendor-risk/reclassify-vendor-risk.request.dto.js';
import { RegisterVendorCommand } from '../vendors/register-vendor/register-vendor.command.js';
import { RegisterVendorHttpController } from '../vendors/register-vendor/register-vendor.http.controller.js';
import { RegisterVendorRequestDto } from '../vendors/register-vendor/register-vendor.request.dto.js';

// The commands a bulk import takes: each is one of the API's command routes, named as the command it runs. A line
// goes through what a request to that route goes through — the route's access rule, the idempotency lookup, the
// route's path parameter pipe and body validation, then its command on the command bus — without an HTTP round
// trip (see ImportLineDispatcher), so an imported record is validated, authorised, decided and recorded exactly as
// one posted alone.

/** What a route needs from a line besides its body: the country in its path, or the id of the entry it changes. */
export interface ImportCommand<D extends object = object> {
  /** The route's path, `{country}` or `{id}` standing for its parameter: the line's idempotency scope. */
  readonly path: string;
  readonly needs: 'country' | 'id' | 'nothing';
  /** The route's request DTO: what a line's body is validated by (and a CSV row's text cells converted by). */
  readonly dto: new () => D;
  /** The route's controller: its access rule is the line's. */
  readonly route: abstract new (
    ...args: never[]
  ) => unknown;
  /** The route's pipe for its path parameter. */
  readonly param?: PipeTransform<string, unknown>;
  /** The command the route sends for a validated body (`param` is the piped path parameter, if any). */
  readonly command: (param: string, body: D, context: RequestContext) => Command<EntryRecorded>;
}

/** Types an entry's `command` by its DTO, then keeps it as an entry of the table (the DTO checked there). */
function command<D extends object>(spec: ImportCommand<D>): ImportCommand {
  // Sound as used: the dispatcher hands `command` only what `dto` validated into.
  return spec as unknown as ImportCommand;
}

export const IMPORT_COMMANDS = {
  'record-envoy-meeting': command({
    path: '/v1/countries/{country}/meetings',
    needs: 'country',
    dto: RecordEnvoyMeetingRequestDto,
    route: RecordEnvoyMeetingHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new RecordEnvoyMeetingCommand(param, body, context),
  }),
  'record-dialogue-round': command({
    path: '/v1/countries/{country}/dialogues',
    needs: 'country',
    dto: RecordDialogueRoundRequestDto,
    route: RecordDialogueRoundHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new RecordDialogueRoundCommand(param, body, context),
  }),
  'observe-country-response': command({
    path: '/v1/countries/{country}/responses',
    needs: 'country',
    dto: ObserveCountryResponseRequestDto,
    route: ObserveCountryResponseHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new ObserveCountryResponseCommand(param, body, context),
  }),
  'observe-competing-offer': command({
    path: '/v1/countries/{country}/competing-offers',
    needs: 'country',
    dto: ObserveCompetingOfferRequestDto,
    route: ObserveCompetingOfferHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new ObserveCompetingOfferCommand(param, body, context),
  }),
  'offer-incentive': command({
    path: '/v1/countries/{country}/incentive-offers',
    needs: 'country',
    dto: OfferIncentiveRequestDto,
    route: OfferIncentiveHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new OfferIncentiveCommand(param, body, context),
  }),
  'commit-technical-support': command({
    path: '/v1/countries/{country}/technical-support',
    needs: 'country',
    dto: CommitTechnicalSupportRequestDto,
    route: CommitTechnicalSupportHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new CommitTechnicalSupportCommand(param, body, context),
  }),
  'award-contract': command({
    path: '/v1/countries/{country}/contracts',
    needs: 'country',
    dto: AwardContractRequestDto,
    route: AwardContractHttpController,
    param: new CountryCodePipe(),
    command: (param, body, context) => new AwardContractCommand(param, body, context),
  }),
  'assign-follow-up': command({
    path: '/v1/follow-ups',
    needs: 'nothing',
    dto: AssignFollowUpRequestDto,
    route: AssignFollowUpHttpController,
    command: (_param, body, context) => new AssignFollowUpCommand(body, context),
  }),
  'complete-follow-up': command({
    path: '/v1/follow-ups/{id}/complete',
    needs: 'id',
    dto: CompleteFollowUpRequestDto,
    route: CompleteFollowUpHttpController,
    param: uuidParam(),
    command: (param, body, context) => new CompleteFollowUpCommand(param, body, context),
  }),
  'amend-incentive-terms': command({
    path: '/v1/incentive-offers/{id}/amend',
    needs: 'id',
    dto: AmendIncentiveTermsRequestDto,
    route: AmendIncentiveTermsHttpController,
    param: uuidParam(),
    command: (param, body, context) => new AmendIncentiveTermsCommand(param, body, context),
  }),
  'accept-incentive': command({
    path: '/v1/incentive-offers/{id}/accept',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
    route: CloseIncentiveOfferHttpController,
    param: uuidParam(),
    command: (param, body, context) =>
      new CloseIncentiveOfferCommand(param, 'AcceptIncentive', body, context),
  }),
  'decline-incentive': command({
    path: '/v1/incentive-offers/{id}/decline',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
    route: CloseIncentiveOfferHttpController,
    param: uuidParam(),
    command: (param, body, context) =>
      new CloseIncentiveOfferCommand(param, 'DeclineIncentive', body, context),
  }),
  'withdraw-incentive': command({
    path: '/v1/incentive-offers/{id}/withdraw',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
    route: CloseIncentiveOfferHttpController,
    param: uuidParam(),
    command: (param, body, context) =>
      new CloseIncentiveOfferCommand(param, 'WithdrawIncentive', body, context),
  }),
  'expire-incentive': command({
    path: '/v1/incentive-offers/{id}/expire',
    needs: 'id',
    dto: CloseIncentiveOfferRequestDto,
    route: CloseIncentiveOfferHttpController,
    param: uuidParam(),
    command: (param, body, context) =>
      new CloseIncentiveOfferCommand(param, 'ExpireIncentive', body, context),
  }),
  'deliver-milestone': command({
    path: '/v1/technical-support/{id}/milestones',
    needs: 'id',
    dto: DeliverMilestoneRequestDto,
    route: DeliverMilestoneHttpController,
    param: uuidParam(),
    command: (param, body, context) => new DeliverMilestoneCommand(param, body, context),
  }),
  'close-technical-support': command({
    path: '/v1/technical-support/{id}/close',
    needs: 'id',
    dto: CloseTechnicalSupportRequestDto,
    route: CloseTechnicalSupportHttpController,
    param: uuidParam(),
    command: (param, body, context) => new CloseTechnicalSupportCommand(param, body, context),
  }),
  'amend-contract': command({
    path: '/v1/contracts/{id}/amend',
    needs: 'id',
    dto: AmendContractRequestDto,
    route: AmendContractHttpController,
    param: uuidParam(),
    command: (param, body, context) => new AmendContractCommand(param, body, context),
  }),
  'replace-equipment': command({
    path: '/v1/contracts/{id}/replace',
    needs: 'id',
    dto: ReplaceEquipmentRequestDto,
    route: ReplaceEquipmentHttpController,
    param: uuidParam(),
    command: (param, body, context) => new ReplaceEquipmentCommand(param, body, context),
  }),
  'terminate-contract': command({
    path: '/v1/contracts/{id}/terminate',
    needs: 'id',
    dto: TerminateContractRequestDto,
    route: TerminateContractHttpController,
    param: uuidParam(),
    command: (param, body, context) => new TerminateContractCommand(param, body, context),
  }),
  'correct-entry': command({
    path: '/v1/entries/{id}/corrections',
    needs: 'id',
    dto: CorrectEntryRequestDto,
    route: CorrectEntryHttpController,
    param: uuidParam(),
    command: (param, body, context) => new CorrectEntryCommand(param, body, context),
  }),
  'retract-entry': command({
    path: '/v1/entries/{id}/retractions',
    needs: 'id',
    dto: RetractEntryRequestDto,
    route: RetractEntryHttpController,
    param: uuidParam(),
    command: (param, body, context) => new RetractEntryCommand(param, body, context),
  }),
  'register-vendor': command({
    path: '/v1/vendors',
    needs: 'nothing',
    dto: RegisterVendorRequestDto,
    route: RegisterVendorHttpController,
    command: (_param, body, context) => new RegisterVendorCommand(body, context),
  }),
  'reclassify-vendor-risk': command({
    path: '/v1/vendors/{id}/risk',
    needs: 'id',
    dto: ReclassifyVendorRiskRequestDto,
    route: ReclassifyVendorRiskHttpController,
    param: new VendorIdPipe(),
    command: (param, body, context) => new ReclassifyVendorRiskCommand(param, body, context),
  }),
} as const satisfies Record<string, ImportCommand>;

export type ImportCommandName = keyof typeof IMPORT_COMMANDS;
export const IMPORT_COMMAND_NAMES = Object.keys(IMPORT_COMMANDS) as ImportCommandName[];

export function isImportCommand(name: unknown): name is ImportCommandName {
  return typeof name === 'string' && Object.hasOwn(IMPORT_COMMANDS, name);
}
