-- Up Migration

-- Bulk imports (POST /v1/imports, npm run import): one row per run of a file, its counts kept current while it
-- runs, and the lines it refused with each field's message. Each line goes through the API's own command route
-- with an idempotency key derived from the file's key and the line (or a column the file names), so a run of the
-- same file again records nothing twice: those lines count as duplicates.
CREATE TABLE imports (
  id           uuid PRIMARY KEY,
  file_key     text NOT NULL,
  recorded_by  text NOT NULL,
  format       text NOT NULL CHECK (format IN ('ndjson', 'csv')),
  command      text,
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'failed')),
  lines        integer NOT NULL DEFAULT 0,
  recorded     integer NOT NULL DEFAULT 0,
  duplicates   integer NOT NULL DEFAULT 0,
  rejected     integer NOT NULL DEFAULT 0,
  failure      text,
  started_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz
);
CREATE INDEX imports_by_key ON imports (recorded_by, file_key, started_at DESC);

CREATE TABLE import_errors (
  import_id  uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  line       integer NOT NULL,
  seq        integer NOT NULL,
  status     integer NOT NULL,
  field      text,
  message    text NOT NULL,
  PRIMARY KEY (import_id, line, seq)
);

-- Down Migration
DROP TABLE import_errors;
DROP TABLE imports;
