import { type Kysely, type Migration, sql } from 'kysely';

// Every table carries account_id so accounts can be sharded by it (DESIGN §7).
// Routing invariants live here as well as in code (DESIGN §2):
// - open_count can never go negative, and claims are conditional updates on it;
// - a conversation has one operator_id column, so at most one operator;
// - one open conversation per contact and channel.
export const m001Initial: Migration = {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
  async up(db: Kysely<any>) {
    await runStatements(
      db,
      `
      CREATE TABLE accounts (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        settings jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE operators (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text,
        role text NOT NULL CHECK (role IN ('admin','supervisor','operator')),
        status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online','away','offline')),
        "limit" integer NOT NULL CHECK ("limit" >= 0),
        open_count integer NOT NULL DEFAULT 0 CHECK (open_count >= 0),
        languages text[] NOT NULL DEFAULT '{}',
        last_assigned_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX operators_account ON operators (account_id);
      CREATE TABLE teams (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        mode text NOT NULL CHECK (mode IN ('least_loaded','random','manual','round_robin')),
        language_routing boolean NOT NULL DEFAULT false,
        language_timeout_ms integer NOT NULL DEFAULT 60000,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, name)
      );
      CREATE TABLE team_members (
        account_id uuid NOT NULL REFERENCES accounts(id),
        team_id uuid NOT NULL REFERENCES teams(id),
        operator_id uuid NOT NULL REFERENCES operators(id),
        PRIMARY KEY (team_id, operator_id)
      );
      CREATE INDEX team_members_operator ON team_members (operator_id);
      CREATE TABLE channels (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        kind text NOT NULL CHECK (kind IN ('widget','telegram','email','api')),
        name text NOT NULL,
        priority integer NOT NULL CHECK (priority >= 1),
        default_team_id uuid REFERENCES teams(id),
        public_key text NOT NULL UNIQUE,
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE contacts (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text,
        email text,
        blocked boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX contacts_account ON contacts (account_id);
      CREATE TABLE contact_identities (
        account_id uuid NOT NULL REFERENCES accounts(id),
        contact_id uuid NOT NULL REFERENCES contacts(id),
        channel_id uuid NOT NULL REFERENCES channels(id),
        external_id text NOT NULL,
        PRIMARY KEY (channel_id, external_id)
      );
      CREATE INDEX contact_identities_contact ON contact_identities (contact_id);
      CREATE TABLE categories (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, name)
      );
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        shortcut text NOT NULL,
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, shortcut)
      );
      CREATE TABLE conversations (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        channel_id uuid NOT NULL REFERENCES channels(id),
        contact_id uuid NOT NULL REFERENCES contacts(id),
        team_id uuid REFERENCES teams(id),
        operator_id uuid REFERENCES operators(id),
        state text NOT NULL CHECK (state IN ('bot','queued','assigned','closed')),
        priority integer NOT NULL,
        language text,
        category_id uuid REFERENCES categories(id),
        targeted boolean,
        rating text CHECK (rating IN ('like','dislike')),
        rating_comment text,
        excluded_operator_id uuid,
        last_seq integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        queued_at timestamptz,
        assigned_at timestamptz,
        first_operator_reply_at timestamptz,
        closed_at timestamptz,
        closed_by text CHECK (closed_by IN ('contact','operator','system')),
        close_note text,
        CHECK ((state = 'assigned') = (operator_id IS NOT NULL) OR state = 'closed')
      );
      CREATE UNIQUE INDEX conversations_one_open_per_contact
        ON conversations (contact_id, channel_id) WHERE state <> 'closed';
      CREATE INDEX conversations_queue ON conversations (account_id, priority, queued_at)
        WHERE state = 'queued';
      CREATE INDEX conversations_operator ON conversations (operator_id) WHERE state = 'assigned';
      CREATE INDEX conversations_contact ON conversations (contact_id, created_at);
      CREATE INDEX conversations_account_created ON conversations (account_id, created_at);
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        conversation_id uuid NOT NULL REFERENCES conversations(id),
        channel_id uuid NOT NULL,
        seq integer NOT NULL,
        author_kind text NOT NULL CHECK (author_kind IN ('contact','operator','bot','system')),
        author_id uuid,
        text text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        client_key text,
        external_id text,
        created_at timestamptz NOT NULL,
        UNIQUE (conversation_id, seq)
      );
      CREATE UNIQUE INDEX messages_client_key
        ON messages (account_id, author_kind, author_id, client_key) WHERE client_key IS NOT NULL;
      CREATE UNIQUE INDEX messages_external_id
        ON messages (channel_id, external_id) WHERE external_id IS NOT NULL;
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid NOT NULL REFERENCES operators(id),
        csrf_token text NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id),
        operator_id uuid NOT NULL REFERENCES operators(id),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE events (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL,
        type text NOT NULL,
        conversation_id uuid,
        audience text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX events_account_id ON events (account_id, id);
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        details jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
    );
  },
};

/**
 * A parameterised query (PostgreSQL's extended protocol, which Kysely uses)
 * holds one statement, so a migration's SQL is split into statements (none of ours contains a semicolon inside a literal).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema exists
export async function runStatements(db: Kysely<any>, script: string): Promise<void> {
  for (const statement of script
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
}
