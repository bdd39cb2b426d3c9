-- Up Migration

-- When the last event a projection applied in a partition was recorded: lag in seconds is measured from it.
ALTER TABLE projection_checkpoints ADD COLUMN last_recorded_at timestamptz;

-- Down Migration
ALTER TABLE projection_checkpoints DROP COLUMN last_recorded_at;
