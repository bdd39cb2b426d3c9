/**
 * The API's shapes the web app sends and reads. None is written here: they are the server's own request DTOs
 * and read models, whose declarations `npm run web:api-types` emits from apps/api/src/web-api.ts into
 * ./generated (a step of build:web and npm test). Type-only: nothing of the server reaches the bundle.
 */
import type { Classification, Role } from '#domain';

export type * from './generated/apps/api/src/web-api.js';
export type { Classification, Role };

import type { TimelineEntryView } from './generated/apps/api/src/web-api.js';

/** A timeline entry as the API serves it (GET /v1/countries/{country}/timeline, GET /v1/search). */
export type TimelineEntry = TimelineEntryView;

/** The classification levels, lowest first (as libs/domain orders them). */
export const CLASSIFICATION_ORDER: readonly Classification[] = [
  'unclassified',
  'restricted',
  'confidential',
  'secret',
];
