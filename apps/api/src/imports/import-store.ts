import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../infrastructure/tokens.js';

/** Counts of a run so far. */
export interface ImportCounts {
  /** Lines read (blank lines are not counted). */
  lines: number;
  /** Lines recorded now. */
  recorded: number;
  /** Lines recorded by an earlier run of the file (their idempotency key answered the first time's entry). */
  duplicates: number;
  /** Lines refused, each with its errors. */
  rejected: number;
}

/** One refused line's problem. */
export interface ImportLineError {
  readonly line: number;
  readonly status: number;
  readonly field: string | null;
  readonly message: string;
}

/** A run as GET /v1/imports/{id} shows it. */
export interface ImportReport extends ImportCounts {
  readonly id: string;
  readonly fileKey: string;
  readonly format: 'ndjson' | 'csv';
  readonly command: string | null;
  readonly status: 'running' | 'done' | 'failed';
  readonly failure: string | null;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  /** The first refused lines' errors, in line order (at most `errorLimit`); `errorsTruncated` says if there are more. */
  readonly errors: readonly ImportLineError[];
  readonly errorsTruncated: boolean;
}

interface ImportRow {
  id: string;
  file_key: string;
  recorded_by: string;
  format: 'ndjson' | 'csv';
  command: string | null;
  status: 'running' | 'done' | 'failed';
  failure: string | null;
  lines: number;
  recorded: number;
  duplicates: number;
  rejected: number;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Text Postgres can store: a line's own text (echoed in a message) may hold NUL, which no text column takes. */
function storable(text: string): string {
  return text.replaceAll(String.fromCharCode(0), '\uFFFD');
}

/** The imports and their refused lines (migration 1764086400020). */
@Injectable()
export class ImportStore {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Starts a run; false when its id is taken. */
  async start(run: {
    id: string;
    fileKey: string;
    recordedBy: string;
    format: 'ndjson' | 'csv';
    command: string | null;
  }): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO imports (id, file_key, recorded_by, format, command) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [run.id, run.fileKey, run.recordedBy, run.format, run.command],
    );
    return rowCount === 1;
  }

  /** Adds what a stretch of lines did, in one transaction. */
  async progress(id: string, delta: ImportCounts, errors: readonly ImportLineError[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `UPDATE imports SET lines = lines + $2, recorded = recorded + $3, duplicates = duplicates + $4,
           rejected = rejected + $5, updated_at = now() WHERE id = $1`,
        [id, delta.lines, delta.recorded, delta.duplicates, delta.rejected],
      );
      if (errors.length > 0) {
        await client.query(
          `INSERT INTO import_errors (import_id, line, seq, status, field, message)
           SELECT $1, e.line, e.seq, e.status, e.field, e.message
           FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[])
             AS e(line, seq, status, field, message)`,
          [
            id,
            errors.map((e) => e.line),
            errors.map((_, i) => i),
            errors.map((e) => e.status),
            errors.map((e) => (e.field === null ? null : storable(e.field.slice(0, 500)))),
            errors.map((e) => storable(e.message.slice(0, 2_000))),
          ],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async finish(id: string, failure: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE imports SET status = $2, failure = $3, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, failure === null ? 'done' : 'failed', failure],
    );
  }

  /** A run and its first errors; undefined when there is none, or it is someone else's and `recordedBy` is given. */
  async report(id: string, recordedBy: string | null, errorLimit = 1_000): Promise<ImportReport | undefined> {
    const { rows } = await this.pool.query<ImportRow>(
      'SELECT * FROM imports WHERE id = $1 AND ($2::text IS NULL OR recorded_by = $2)',
      [id, recordedBy],
    );
    const row = rows[0];
    return row ? this.withErrors(row, errorLimit) : undefined;
  }

  /** The latest run of a file (by its key) of this caller. */
  async latest(fileKey: string, recordedBy: string, errorLimit = 1_000): Promise<ImportReport | undefined> {
    const { rows } = await this.pool.query<ImportRow>(
      `SELECT * FROM imports WHERE recorded_by = $1 AND file_key = $2 ORDER BY started_at DESC LIMIT 1`,
      [recordedBy, fileKey],
    );
    const row = rows[0];
    return row ? this.withErrors(row, errorLimit) : undefined;
  }

  private async withErrors(row: ImportRow, limit: number): Promise<ImportReport> {
    // Line errors are ordered by line within the whole run, whatever order the lines finished in.
    const { rows } = await this.pool.query<ImportLineError>(
      `SELECT line, status, field, message FROM import_errors WHERE import_id = $1
       ORDER BY line, seq LIMIT $2`,
      [row.id, limit + 1],
    );
    return {
      id: row.id,
      fileKey: row.file_key,
      format: row.format,
      command: row.command,
      status: row.status,
      failure: row.failure,
      lines: row.lines,
      recorded: row.recorded,
      duplicates: row.duplicates,
      rejected: row.rejected,
      startedAt: row.started_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
      errors: rows.slice(0, limit),
      errorsTruncated: rows.length > limit,
    };
  }
}
