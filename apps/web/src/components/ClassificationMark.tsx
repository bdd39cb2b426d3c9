import type { Classification } from '../api/types';

/** The classification marking of an entry: its level in capitals, in the level's colour. */
export function ClassificationMark({ level }: { level: Classification }) {
  return <span className={`mark mark-${level}`}>{level.toUpperCase()}</span>;
}
