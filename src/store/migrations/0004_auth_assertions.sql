-- Remissbrygga store, version 4: client assertion ids (jti) already used at /auth/token, shared by every server
-- instance on the database, so a replayed private_key_jwt assertion is refused whichever instance it reaches
-- (RFC 7523 §3, SMART Backend Services). A row is kept until its assertion expires; the retention job prunes.
CREATE TABLE auth_assertions (
  jti text PRIMARY KEY,        -- '<client id>:<jti>'
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_assertions_expiry_idx ON auth_assertions (expires_at);
