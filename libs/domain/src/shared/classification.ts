/** Sensitivity levels, lowest first. Each level will get its own Kafka topic once access control lands. */
export const CLASSIFICATIONS = ['unclassified', 'restricted', 'confidential', 'secret'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** How sure the recording officer is of an entry. */
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** Whether `level` is at least as sensitive as `floor`. */
export function isAtLeast(level: Classification, floor: Classification): boolean {
  return CLASSIFICATIONS.indexOf(level) >= CLASSIFICATIONS.indexOf(floor);
}
