import type pg from 'pg';

/**
 * Rows of a read model kept as revisions (known_from/known_until): what changed since the current rows is
 * closed at `knownAt` and the new rows opened from it; rows that stay the same stay open. Each row is matched
 * by a key over all of its content, as a multiset (two equal rows are two rows).
 */
export function revise<Row>(
  current: readonly { readonly id: string; readonly key: string }[],
  next: readonly Row[],
  keyOf: (row: Row) => string,
): { close: string[]; open: Row[] } {
  const unmatched = new Map<string, string[]>();
  for (const row of current) unmatched.set(row.key, [...(unmatched.get(row.key) ?? []), row.id]);
  const open: Row[] = [];
  for (const row of next) {
    const ids = unmatched.get(keyOf(row));
    if (ids && ids.length > 0) ids.pop();
    else open.push(row);
  }
  return { close: [...unmatched.values()].flat(), open };
}

/**
 * Closes revisions by id at an instant. Not for contract_holdings, whose closing also takes the rows out of
 * contract_holding_totals (see the holdings projection).
 */
export async function closeRevisions(
  client: pg.ClientBase,
  table: 'vendor_classifications',
  ids: readonly string[],
  knownUntil: string,
): Promise<void> {
  if (ids.length === 0) return;
  await client.query(`UPDATE ${table} SET known_until = $2 WHERE id = ANY($1::bigint[])`, [ids, knownUntil]);
}
