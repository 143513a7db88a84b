-- Remissbrygga store, version 2: delivery destinations, pause flags, attempt excerpts, scheduled-job locks and
-- runs, statistics snapshots (src/deliver, src/jobs).

-- Where an organisation's outbox events go (config/destinations.json and FHIR Subscriptions, synced as rows).
-- `destination` is the outbox destination key: the receiving organisation's HSA-id.
CREATE TABLE delivery_destinations (
  destination text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('fhir', 'webhook', 'subscription')),
  format text NOT NULL CHECK (format IN ('fhir', 'riv', 'hl7', 'flat')),
  config jsonb NOT NULL,
  source text NOT NULL DEFAULT 'config',
  updated timestamptz NOT NULL DEFAULT now()
);

-- A paused destination keeps its queue; nothing is claimed for it until it is resumed. Kept apart from
-- delivery_destinations so re-syncing the configuration never resumes a destination an operator paused.
CREATE TABLE delivery_pauses (
  destination text PRIMARY KEY,
  paused_at timestamptz NOT NULL,
  paused_by text
);

-- Reprocessing a dead letter restarts its age budget from here (the original `created` is kept).
ALTER TABLE outbox ADD COLUMN requeued_at timestamptz;

-- What the receiver answered, truncated and stripped of patient data (src/deliver/excerpt.ts).
ALTER TABLE delivery_attempts ADD COLUMN response_excerpt text;

-- Single runner across instances: a job runs only while it holds an unexpired lease on its row.
CREATE TABLE job_locks (
  name text PRIMARY KEY,
  locked_by text,
  locked_until timestamptz
);

CREATE TABLE job_runs (
  id bigserial PRIMARY KEY,
  name text NOT NULL,
  runner text NOT NULL,
  started timestamptz NOT NULL,
  finished timestamptz,
  outcome text NOT NULL CHECK (outcome IN ('running', 'ok', 'failed', 'skipped')),
  detail jsonb
);
CREATE INDEX job_runs_name_idx ON job_runs (name, started);

-- "Once" bookkeeping for reminders: one row per (job, subject, mark), e.g. ('start-watch', 'Task/1', 'overdue').
CREATE TABLE job_marks (
  job text NOT NULL,
  subject text NOT NULL,
  mark text NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (job, subject, mark)
);

-- Nightly aggregate statistics for the region: counts only, never patient identities.
CREATE TABLE stats_snapshots (
  id bigserial PRIMARY KEY,
  taken_at timestamptz NOT NULL,
  content jsonb NOT NULL
);
CREATE INDEX stats_snapshots_taken_idx ON stats_snapshots (taken_at);
