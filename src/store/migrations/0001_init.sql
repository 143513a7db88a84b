-- Remissbrygga store, version 1. PostgreSQL dialect; runs unchanged on PGlite.

-- Current version of every resource, plus the columns search needs (extracted by src/store/extract.ts).
CREATE TABLE resources (
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  content jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  owner_org text,       -- org key of the provider (HSA-id, else Organization reference)
  requester_org text,   -- org key of the referring vårdcentral
  patient_ref text,     -- 'Patient/<id>'
  status text,
  authored timestamptz,
  PRIMARY KEY (resource_type, id)
);
CREATE INDEX resources_owner_idx ON resources (resource_type, owner_org, last_updated);
CREATE INDEX resources_requester_idx ON resources (resource_type, requester_org, last_updated);
CREATE INDEX resources_patient_idx ON resources (resource_type, patient_ref);
CREATE INDEX resources_status_idx ON resources (resource_type, status);
CREATE INDEX resources_authored_idx ON resources (resource_type, authored);
CREATE INDEX resources_last_updated_idx ON resources (resource_type, last_updated);

-- Identifier tokens of the current version (system '' when the identifier has none).
CREATE TABLE resource_tokens (
  resource_type text NOT NULL,
  id text NOT NULL,
  system text NOT NULL,
  value text NOT NULL,
  FOREIGN KEY (resource_type, id) REFERENCES resources (resource_type, id) ON DELETE CASCADE
);
CREATE INDEX resource_tokens_lookup_idx ON resource_tokens (resource_type, system, value);
CREATE INDEX resource_tokens_resource_idx ON resource_tokens (resource_type, id);

-- Literal reference targets of the current version, by search parameter ('focus' -> 'ServiceRequest/<id>').
CREATE TABLE resource_refs (
  resource_type text NOT NULL,
  id text NOT NULL,
  param text NOT NULL,
  target text NOT NULL,
  FOREIGN KEY (resource_type, id) REFERENCES resources (resource_type, id) ON DELETE CASCADE
);
CREATE INDEX resource_refs_lookup_idx ON resource_refs (resource_type, param, target);
CREATE INDEX resource_refs_resource_idx ON resource_refs (resource_type, id);

-- Every version ever written, with who wrote it. Immutable: the trigger below refuses UPDATE and DELETE.
CREATE TABLE resource_history (
  resource_type text NOT NULL,
  id text NOT NULL,
  version_id integer NOT NULL,
  last_updated timestamptz NOT NULL,
  content jsonb NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  actor_org text,
  actor_user text,
  PRIMARY KEY (resource_type, id, version_id)
);

CREATE FUNCTION rb_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER resource_history_immutable BEFORE UPDATE OR DELETE ON resource_history
  FOR EACH ROW EXECUTE FUNCTION rb_refuse_change();

-- Transactional outbox: events are inserted in the same transaction as the change that caused them.
-- Per (destination, aggregate_key) events are delivered in id order (see src/store/outbox.ts).
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  created timestamptz NOT NULL DEFAULT now(),
  destination text NOT NULL,
  event_type text NOT NULL,
  aggregate_key text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  delivered_at timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX outbox_aggregate_idx ON outbox (destination, aggregate_key, id) WHERE status = 'pending';

CREATE TABLE delivery_attempts (
  id bigserial PRIMARY KEY,
  outbox_id bigint NOT NULL REFERENCES outbox (id),
  attempted_at timestamptz NOT NULL,
  worker_id text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
  http_status integer,
  error text,
  duration_ms integer
);
CREATE INDEX delivery_attempts_outbox_idx ON delivery_attempts (outbox_id, attempted_at);

CREATE TABLE audit_events (
  id text PRIMARY KEY,
  recorded timestamptz NOT NULL,
  agent_org text,
  agent_user text,
  action text,
  outcome text,
  entity_ref text,
  content jsonb NOT NULL
);
CREATE INDEX audit_events_agent_idx ON audit_events (agent_org, recorded);
CREATE INDEX audit_events_recorded_idx ON audit_events (recorded);
CREATE INDEX audit_events_action_idx ON audit_events (action, recorded);
CREATE INDEX audit_events_outcome_idx ON audit_events (outcome, recorded);
CREATE INDEX audit_events_entity_idx ON audit_events (entity_ref);

-- One row per referral identifier (system|value): the first transaction to insert it wins; a retry of the same
-- referral gets the stored response instead of a second copy.
CREATE TABLE idempotency (
  key_system text NOT NULL,
  key_value text NOT NULL,
  created timestamptz NOT NULL DEFAULT now(),
  resource_ids text[] NOT NULL DEFAULT '{}',
  response jsonb,
  completed_at timestamptz,
  PRIMARY KEY (key_system, key_value)
);
