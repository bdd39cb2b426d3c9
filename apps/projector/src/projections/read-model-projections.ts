import { countryActivityProjection } from './country-activity.projection.js';
import { holdingsProjection } from './holdings.projection.js';
import type { Projection } from './projection.js';
import { registersProjection } from './registers.projection.js';
import { timelineProjection } from './timeline.projection.js';
import { vendorsProjection } from './vendors.projection.js';

/** The projections the read-models runner applies together, in this order, for every event. */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  timelineProjection,
  countryActivityProjection,
  registersProjection,
  holdingsProjection,
  vendorsProjection,
];
