/**
 * The open-item counts of the countries overview (register_open_counts) recounted from the registers' current
 * revisions, the reference the counts the registers projection keeps are held to; and the counts as kept. Zero
 * counts are left out of both: a month whose items all closed keeps a row of 0.
 */
export const RECOUNTED_OPEN_ITEMS = `
SELECT country, kind, classification_rank,
       coalesce(date_trunc('month', (CASE WHEN kind = 'follow-up' THEN due_date
                                     ELSE (state->>'expiresOn')::date END)::timestamp)::date, 'infinity'::date) AS month,
       count(*)::int AS n
FROM registers
WHERE known_until IS NULL AND ((kind = 'follow-up' AND status = 'open') OR (kind = 'incentive-offer' AND status = 'offered'))
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

export const KEPT_OPEN_ITEMS = `
SELECT country, kind, classification_rank, month, n FROM register_open_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4`;
