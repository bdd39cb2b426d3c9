/** The kinds of stream, named by the prefix of their ids. */
export const STREAM_CATEGORIES = [
  'engagement',
  'follow-up',
  'incentive',
  'support',
  'contract',
  'vendor',
  'observation',
] as const;
export type StreamCategory = (typeof STREAM_CATEGORIES)[number];

/** The category of a stream id such as `follow-up-<uuid>`, or undefined for one this version does not know. */
export function streamCategory(streamId: string): StreamCategory | undefined {
  return STREAM_CATEGORIES.find((c) => streamId.startsWith(`${c}-`));
}

/** The entity id inside a stream id. */
export function streamEntityId(streamId: string): string {
  const category = streamCategory(streamId);
  return category ? streamId.slice(category.length + 1) : streamId;
}
