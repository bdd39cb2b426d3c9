// Where demarche's records are: one topic per classification level for the recorded events, one for the derived
// events (derived.ts). A broker grants a consumer exactly the levels it is cleared for (ACLs are per topic).

/** The classification levels, lowest first: a clearance reads its own level and every lower one. */
export const CLASSIFICATION_LEVELS = ['unclassified', 'restricted', 'confidential', 'secret'] as const;
export type ClassificationLevel = (typeof CLASSIFICATION_LEVELS)[number];

/** The rank of a level (0: unclassified), or -1 for anything that is not one. */
export function levelRank(level: string): number {
  return (CLASSIFICATION_LEVELS as readonly string[]).indexOf(level);
}

/** Recorded events of one level, keyed by country (a vendor-registry event: its stream). Kept forever. */
export function engagementTopic(prefix: string, level: string): string {
  return `${prefix}.engagement.${level}`;
}

/** What a topic name says, when it is one of demarche's record topics under `prefix`; otherwise null. */
export function recordTopicOf(
  prefix: string,
  topic: string,
): { kind: 'engagement' | 'derived'; level: ClassificationLevel } | null {
  if (!topic.startsWith(`${prefix}.`)) return null;
  const [kind, level, ...rest] = topic.slice(prefix.length + 1).split('.');
  if (rest.length > 0 || (kind !== 'engagement' && kind !== 'derived')) return null;
  if (levelRank(level ?? '') < 0) return null;
  return { kind, level: level as ClassificationLevel };
}
