import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations, accounts with roles, login sessions and the audit log. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        parent_id uuid REFERENCES organizations(id) ON DELETE RESTRICT,
        kind text NOT NULL,
        name text NOT NULL,
        short_name text,
        code text,
        province_type text,
        formed_from jsonb NOT NULL DEFAULT '[]'::jsonb,
        search_text text NOT NULL,
        sort_key text COLLATE "C" NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organizations_kind_check CHECK (kind IN ('government_office','ministry','government_agency','steering_committee','province','department','other')),
        CONSTRAINT organizations_province_type_check CHECK (province_type IS NULL OR province_type IN ('city','province')),
        CONSTRAINT organizations_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id)
      )`);
    await q.query(`CREATE UNIQUE INDEX organizations_code_key ON organizations (code) WHERE code IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX organizations_parent_name_key ON organizations (COALESCE(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`);
    await q.query(`CREATE INDEX organizations_parent_idx ON organizations (parent_id, sort_key)`);
    await q.query(`CREATE INDEX organizations_sort_idx ON organizations (sort_key)`);

    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        position text,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        locale text NOT NULL DEFAULT 'vi',
        disabled boolean NOT NULL DEFAULT false,
        search_text text NOT NULL,
        sort_key text COLLATE "C" NOT NULL,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_locale_check CHECK (locale IN ('vi','en'))
      )`);
    await q.query(`CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username))`);
    await q.query(`CREATE INDEX accounts_organization_idx ON accounts (organization_id, sort_key)`);

    await q.query(`
      CREATE TABLE role_assignments (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        role text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, role, organization_id),
        CONSTRAINT role_assignments_role_check CHECK (role IN ('admin','organizer','chair','secretary','endpoint_operator','viewer'))
      )`);
    await q.query(`CREATE INDEX role_assignments_org_idx ON role_assignments (organization_id, role)`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        previous_token_hash text,
        rotated_at timestamptz,
        user_agent text,
        ip text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text
      )`);
    await q.query(`CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash)`);
    await q.query(`CREATE INDEX sessions_previous_token_hash_idx ON sessions (previous_token_hash) WHERE previous_token_hash IS NOT NULL`);
    await q.query(`CREATE INDEX sessions_account_idx ON sessions (account_id)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES accounts(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        changes jsonb NOT NULL DEFAULT '{}'::jsonb,
        correlation_id text
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE role_assignments`);
    await q.query(`DROP TABLE accounts`);
    await q.query(`DROP TABLE organizations`);
  }
}
