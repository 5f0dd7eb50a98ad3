import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * National conferences down to the communes (issue 21): communes as organizations under their
 * provincial People's Committee, endpoints that report a headcount instead of a named roster, and a
 * commune endpoint linked to its province's endpoint in the same meeting (the province runs it).
 *
 * Indexes for 3,400 live sites: the heartbeat's expiry reads the connections by last_seen_at (a range
 * scan of the stale rows, not of every console), and the connection log is read per meeting in id
 * order (it grows with every join of every meeting; without this a page was a scan of the whole log).
 */
export class Communes1766200000000 implements MigrationInterface {
  name = 'Communes1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check`);
    await q.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check CHECK (kind IN ('government_office','ministry','government_agency','steering_committee','province','commune','department','other'))`,
    );
    await q.query(`
      ALTER TABLE meeting_endpoints
        ADD COLUMN parent_endpoint_id uuid REFERENCES meeting_endpoints(id) ON DELETE SET NULL,
        ADD COLUMN attendance_mode text NOT NULL DEFAULT 'roster',
        ADD COLUMN capacity integer,
        ADD COLUMN headcount_leaders integer,
        ADD COLUMN headcount_officials integer,
        ADD COLUMN headcount_members integer,
        ADD COLUMN headcount_at timestamptz,
        ADD COLUMN headcount_by uuid,
        ADD COLUMN headcount_source text,
        ADD CONSTRAINT meeting_endpoints_attendance_mode_check CHECK (attendance_mode IN ('roster','headcount')),
        ADD CONSTRAINT meeting_endpoints_capacity_check CHECK (capacity IS NULL OR capacity >= 0),
        ADD CONSTRAINT meeting_endpoints_headcount_check CHECK (
          (headcount_leaders IS NULL AND headcount_officials IS NULL AND headcount_members IS NULL)
          OR (headcount_leaders >= 0 AND headcount_officials >= 0 AND headcount_members >= 0
              AND (capacity IS NULL OR headcount_leaders + headcount_officials + headcount_members <= capacity))),
        ADD CONSTRAINT meeting_endpoints_headcount_source_check CHECK (headcount_source IS NULL OR headcount_source IN ('console','phone'))`);
    await q.query(`CREATE INDEX meeting_endpoints_meeting_parent_idx ON meeting_endpoints (meeting_id, parent_endpoint_id)`);
    await q.query(`CREATE INDEX endpoint_connections_last_seen_idx ON endpoint_connections (last_seen_at)`);
    await q.query(`CREATE INDEX endpoint_connection_log_meeting_idx ON endpoint_connection_log (meeting_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX endpoint_connection_log_meeting_idx`);
    await q.query(`DROP INDEX endpoint_connections_last_seen_idx`);
    await q.query(`DROP INDEX meeting_endpoints_meeting_parent_idx`);
    await q.query(`
      ALTER TABLE meeting_endpoints
        DROP COLUMN parent_endpoint_id, DROP COLUMN attendance_mode, DROP COLUMN capacity,
        DROP COLUMN headcount_leaders, DROP COLUMN headcount_officials, DROP COLUMN headcount_members,
        DROP COLUMN headcount_at, DROP COLUMN headcount_by, DROP COLUMN headcount_source`);
    await q.query(`DELETE FROM organizations WHERE kind = 'commune'`);
    await q.query(`ALTER TABLE organizations DROP CONSTRAINT organizations_kind_check`);
    await q.query(
      `ALTER TABLE organizations ADD CONSTRAINT organizations_kind_check CHECK (kind IN ('government_office','ministry','government_agency','steering_committee','province','department','other'))`,
    );
  }
}
