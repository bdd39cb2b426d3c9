/**
 * What the web app (apps/web) may know of this API: the request DTOs it sends and the responses it reads.
 * `npm run web:api-types` emits this file's declarations, and those of everything it names, into
 * apps/web/src/api/generated (git-ignored), which the web app imports; nothing is copied by hand.
 */
export type { AuditPage } from './audit/audit.query.js';
export type { AmendContractRequestDto } from './contracts/amend-contract/amend-contract.request.dto.js';
export type { AwardContractRequestDto } from './contracts/award-contract/award-contract.request.dto.js';
export type { ReplaceEquipmentRequestDto } from './contracts/replace-equipment/replace-equipment.request.dto.js';
export type { TerminateContractRequestDto } from './contracts/terminate-contract/terminate-contract.request.dto.js';
export type { CorrectEntryRequestDto } from './corrections/correct-entry/correct-entry.request.dto.js';
export type { RetractEntryRequestDto } from './corrections/retract-entry/retract-entry.request.dto.js';
export type {
  CountryList,
  CountryOverview,
  DependencySummary,
} from './countries/list-countries/list-countries.query.js';
export type { DependencyReport } from './dependency/get-dependency/get-dependency.query.js';
export type {
  DependencyHistory,
  DependencyMove,
  DependencyPoint,
  DependencySeriesView,
  Preceding,
  PrecedingEntry,
} from './dependency/get-dependency-history/get-dependency-history.query.js';
export type { GetDependencyHistoryRequestDto } from './dependency/get-dependency-history/get-dependency-history.request.dto.js';
export type { RecordDialogueRoundRequestDto } from './engagements/record-dialogue-round/record-dialogue-round.request.dto.js';
export type { RecordEnvoyMeetingRequestDto } from './engagements/record-envoy-meeting/record-envoy-meeting.request.dto.js';
export type { AssignFollowUpRequestDto } from './follow-ups/assign-follow-up/assign-follow-up.request.dto.js';
export type { CompleteFollowUpRequestDto } from './follow-ups/complete-follow-up/complete-follow-up.request.dto.js';
export type { DemoIdentity } from './http/demo-sign-in.js';
export type { FieldError, Problem } from './http/problem.js';
export type { SignInOptions } from './http/sign-in-options.js';
export type { AmendIncentiveTermsRequestDto } from './incentives/amend-incentive-terms/amend-incentive-terms.request.dto.js';
export type { CloseIncentiveOfferRequestDto } from './incentives/close-incentive-offer/close-incentive-offer.request.dto.js';
export type { OfferIncentiveRequestDto } from './incentives/offer-incentive/offer-incentive.request.dto.js';
export type { ObserveCompetingOfferRequestDto } from './observations/observe-competing-offer/observe-competing-offer.request.dto.js';
export type { ObserveCountryResponseRequestDto } from './observations/observe-country-response/observe-country-response.request.dto.js';
export type { CountryRegister } from './registers/list-country-register/list-country-register.query.js';
export type { FollowUpList } from './registers/list-follow-ups/list-follow-ups.query.js';
export type {
  ContractItem,
  FollowUpItem,
  IncentiveOfferItem,
  TechnicalSupportItem,
} from './registers/register-item.js';
export type { SearchPage } from './search/search.query.js';
export type { EntryRecorded } from './shared/entry-store.js';
export type { CloseTechnicalSupportRequestDto } from './technical-support/close-technical-support/close-technical-support.request.dto.js';
export type { CommitTechnicalSupportRequestDto } from './technical-support/commit-technical-support/commit-technical-support.request.dto.js';
export type { DeliverMilestoneRequestDto } from './technical-support/deliver-milestone/deliver-milestone.request.dto.js';
export type { EntryFound, EntryView } from './timeline/get-entry/get-entry.query.js';
export type { TimelinePage } from './timeline/get-timeline/get-timeline.query.js';
export type { CorrectionsFound } from './timeline/list-corrections/list-corrections.query.js';
export type { TimelineEntryView } from './timeline/timeline.sql.js';
export type { ReclassifyVendorRiskRequestDto } from './vendors/reclassify-vendor-risk/reclassify-vendor-risk.request.dto.js';
export type { RegisterVendorRequestDto } from './vendors/register-vendor/register-vendor.request.dto.js';
