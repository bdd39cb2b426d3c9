import { IsIn, IsOptional } from 'class-validator';
import { RISK_LISTS, type RiskList } from '#domain';
import { asOfInstant } from '../shared/dates.js';
import { IsDateOrDateTime } from '../shared/dto.js';

/** How a reader asks for a figure: as known at a time, and by which risk list. Shared by every figure read. */
export class FigureViewRequestDto {
  /**
   * What we had recorded by then (recorded time; a bare date means the end of that day, UTC): the figure
   * shown in a briefing on that date comes back identical. Default: now.
   */
  @IsOptional()
  @IsDateOrDateTime()
  knownAt?: string;

  /** `asOf`: each vendor's flag on the date measured; `current`: today's flags applied to all of history. */
  @IsOptional()
  @IsIn(RISK_LISTS, { message: `riskList must be one of ${RISK_LISTS.join(', ')}` })
  riskList: RiskList = 'asOf';
}

/** The knowledge instant of a figure read: `knownAt`, or now. */
export function knownAtOf(query: FigureViewRequestDto, now: Date): Date {
  return asOfInstant(query.knownAt, now);
}

/** What a figure's response states about how it was computed. */
export const HHI_BANDS =
  'US merger guidelines 1992/1997: < 1,000 unconcentrated, 1,000–1,800 moderate, > 1,800 high (2023 guidelines keep > 1,800 as highly concentrated); antitrust bands, not telecom policy';
