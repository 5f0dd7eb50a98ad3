import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { ENV, type Env } from '@app/config';
import { writeNotifications, type NotificationDraft } from '@app/queue';
import type { AppNotification, listNotificationsQuerySchema, NotificationKind, NotificationPage, NotificationPreferences } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { writeOutbox } from '../outbox/outbox.store';
import { RealtimeHub, accountRoom } from '../realtime/realtime-hub';

interface Row {
  id: string;
  account_id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}
const view = (r: Row): AppNotification => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null });

/**
 * The notification centre: each account's own notifications, written by the domains in their transactions
 * (`notify`), pushed live to the account's room after commit (PostgreSQL NOTIFY from the insert trigger, heard
 * by every api process, each sending to its own sockets), and emailed by the `notification.deliver` job.
 */
@Injectable()
export class NotificationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationsService.name);
  private listener?: Client;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hub: RealtimeHub,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async onApplicationBootstrap() {
    // the embedded PGlite has no LISTEN across connections: its notifications are read, not pushed
    if (!this.env.DATABASE_URL) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    client.on('error', (err) => this.logger.warn({ err: err.message }, 'notification listener lost its connection'));
    client.on('notification', (msg) => void this.push(msg.payload ?? '').catch((err) => this.logger.warn({ err: (err as Error).message }, 'could not push a notification')));
    try {
      await client.connect();
      await client.query('LISTEN notifications');
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'notifications are not pushed live (LISTEN failed)');
      await client.end().catch(() => undefined);
    }
  }

  async onApplicationShutdown() {
    await this.listener?.end().catch(() => undefined);
  }

  /** In the caller's transaction: one notification per account, and its email job through the outbox. */
  async notify(m: EntityManager, accountIds: string[], draft: NotificationDraft): Promise<void> {
    const batch = await writeNotifications(m, accountIds, draft);
    if (batch) await writeOutbox(m, 'notification.deliver', { batch }, { jobId: `notify.${batch}` });
  }

  /** The active accounts of these organizations (the people an agency's notification goes to). */
  async accountsOf(m: EntityManager, organizationIds: string[]): Promise<string[]> {
    if (!organizationIds.length) return [];
    const rows: { id: string }[] = await m.query(`SELECT id FROM accounts WHERE organization_id = ANY($1::uuid[]) AND NOT disabled`, [organizationIds]);
    return rows.map((r) => r.id);
  }

  async list(user: AuthUser, q: z.output<typeof listNotificationsQuerySchema>): Promise<NotificationPage> {
    const unreadOnly = q.unread === true;
    const rows: Row[] = await this.db.query(
      `SELECT * FROM notifications WHERE account_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL) ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [user.id, unreadOnly, q.limit, q.offset],
    );
    const [{ total, unread }] = await this.db.query(
      `SELECT count(*) FILTER (WHERE $2::boolean IS FALSE OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notifications WHERE account_id = $1`,
      [user.id, unreadOnly],
    );
    return { items: rows.map(view), total, unread, limit: q.limit, offset: q.offset };
  }

  async unread(accountId: string): Promise<number> {
    return (await this.db.query(`SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL`, [accountId]))[0].n;
  }

  /** Marks the caller's own notifications read (ids of others are ignored); the unread count after. */
  async markRead(user: AuthUser, body: { ids: string[] } | { all: true }): Promise<{ unread: number }> {
    if ('all' in body) await this.db.query(`UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL`, [user.id]);
    else await this.db.query(`UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL AND id = ANY($2::uuid[])`, [user.id, body.ids]);
    return { unread: await this.unread(user.id) };
  }

  async preferences(user: AuthUser): Promise<NotificationPreferences> {
    const [row]: { email: string | null; email_kinds: NotificationKind[] }[] = await this.db.query(`SELECT email, email_kinds FROM notification_preferences WHERE account_id = $1`, [user.id]);
    return { email: row?.email ?? null, emailKinds: row?.email_kinds ?? [] };
  }

  async setPreferences(user: AuthUser, p: NotificationPreferences): Promise<NotificationPreferences> {
    await this.db.query(
      `INSERT INTO notification_preferences (account_id, email, email_kinds) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (account_id) DO UPDATE SET email = EXCLUDED.email, email_kinds = EXCLUDED.email_kinds`,
      [user.id, p.email, JSON.stringify([...new Set(p.emailKinds)])],
    );
    return this.preferences(user);
  }

  private async push(id: string) {
    const [row]: Row[] = await this.db.query(`SELECT * FROM notifications WHERE id = $1`, [id]);
    if (!row) return;
    // every api process hears the NOTIFY: each tells its own sockets only
    this.hub.clientSendLocal('notification:new', accountRoom(row.account_id), { notification: view(row), unread: await this.unread(row.account_id) });
  }
}
