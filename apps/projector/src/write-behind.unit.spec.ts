import type pg from 'pg';
import { mergeableInsert, multiRowInsert, WriteBehind } from './write-behind.js';

describe('WriteBehind: single-row inserts written together, in the order issued', () => {
  it('merges only a plain single-row INSERT whose placeholders are $1 … $n in order', () => {
    expect(mergeableInsert('INSERT INTO t (a, b) VALUES ($1, $2)')).toEqual({
      head: 'INSERT INTO t (a, b) VALUES',
      width: 2,
    });
    expect(mergeableInsert('\nINSERT INTO s.t (a,\n b)\nVALUES ($1,$2)\n')).toMatchObject({ width: 2 });
    expect(mergeableInsert('INSERT INTO t (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING')).toBeUndefined();
    expect(mergeableInsert('INSERT INTO t (a, b) VALUES ($1, $2) RETURNING a')).toBeUndefined();
    expect(mergeableInsert('INSERT INTO t (a, b) VALUES ($2, $1)')).toBeUndefined();
    expect(mergeableInsert('INSERT INTO t (a, b) VALUES ($1, now())')).toBeUndefined();
    expect(mergeableInsert('UPDATE t SET a = $1')).toBeUndefined();
    expect(mergeableInsert('INSERT INTO t (a) SELECT $1')).toBeUndefined();
  });

  it('numbers the rows of a multi-row insert on', () => {
    expect(multiRowInsert('INSERT INTO t (a, b) VALUES', 2, 3)).toBe(
      'INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4), ($5, $6)',
    );
  });

  it('holds inserts until another statement, then runs everything in the order issued', async () => {
    const sent: Array<{ text: string; values: unknown[] }> = [];
    const client = {
      query: async (config: string | pg.QueryConfig, values?: unknown[]) => {
        const text = typeof config === 'string' ? config : config.text;
        sent.push({ text, values: (typeof config === 'string' ? values : config.values) ?? [] });
        return { rows: [{ answered: text }], rowCount: 1 };
      },
    } as unknown as pg.ClientBase;
    const writes = new WriteBehind(client);
    const target = writes.asClient();
    const insert = 'INSERT INTO t (a, b) VALUES ($1, $2)';
    await target.query(insert, [1, 'x']);
    await target.query(insert, [2, 'y']);
    expect(sent).toEqual([]);
    const answer = await target.query('UPDATE t SET b = $1 WHERE a = $2 RETURNING a', ['z', 1]);
    expect(answer.rows).toEqual([{ answered: 'UPDATE t SET b = $1 WHERE a = $2 RETURNING a' }]);
    await target.query(insert, [3, 'w']);
    await target.query('INSERT INTO u (c) VALUES ($1)', [4]);
    await writes.flush();
    await writes.flush();
    expect(sent).toEqual([
      { text: 'INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)', values: [1, 'x', 2, 'y'] },
      { text: 'UPDATE t SET b = $1 WHERE a = $2 RETURNING a', values: ['z', 1] },
      { text: insert, values: [3, 'w'] },
      { text: 'INSERT INTO u (c) VALUES ($1)', values: [4] },
    ]);
  });
});
