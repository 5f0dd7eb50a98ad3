import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobResults, NotificationKind } from '@app/contracts';

/** One notification to several accounts. */
export interface NotificationDraft {
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
}

/**
 * Writes one notification per account in the caller's transaction, all under one batch id, and returns the
 * batch (empty when there is nobody to tell). The insert trigger (migration 1766100000002) tells every api
 * process on commit, which pushes it to the account's room; the email goes by `deliverNotificationEmails`.
 */
export async function writeNotifications(m: EntityManager, accountIds: string[], n: NotificationDraft): Promise<string | null> {
  const unique = [...new Set(accountIds)];
  if (!unique.length) return null;
  const batch = randomUUID();
  await m.query(
    `INSERT INTO notifications (account_id, kind, title, body, link, batch) SELECT a, $2, $3, $4, $5, $6 FROM unnest($1::uuid[]) AS a`,
    [unique, n.kind, n.title, n.body, n.link, batch],
  );
  return batch;
}

/** SMTP through nodemailer; null when SMTP_URL is not set (email is off, and the process says so at start-up). */
export class Mailer {
  private readonly transport: Transporter;
  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(url);
  }
  async send(to: string, subject: string, text: string): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text });
  }
  close() {
    this.transport.close();
  }
}

export function createMailer(env: { SMTP_URL?: string; MAIL_FROM: string }, logger = new Logger('Mailer')): Mailer | null {
  if (!env.SMTP_URL) {
    logger.log('email of notifications is off: SMTP_URL is not set (in-app notifications only)');
    return null;
  }
  logger.log(`email of notifications through ${new URL(env.SMTP_URL).host}`);
  return new Mailer(env.SMTP_URL, env.MAIL_FROM);
}

/**
 * Emails a batch's notifications to the accounts whose preferences ask for that kind by email. Each row is
 * marked emailed before its mail leaves, in a transaction that commits after the send: a run that dies before
 * the commit sends again (at least once), a run after a commit finds nothing left to send.
 */
export async function deliverNotificationEmails(db: DataSource, mailer: Mailer | null, batch: string): Promise<JobResults['notification.deliver']> {
  if (!mailer) return { emailed: 0, skipped: 0 };
  return db.transaction(async (m) => {
    const rows: { id: string; email: string | null; title: string; body: string; wants: boolean }[] = await m.query(
      `SELECT n.id, p.email, n.title, n.body, COALESCE(p.email_kinds ? n.kind, false) AS wants
         FROM notifications n LEFT JOIN notification_preferences p ON p.account_id = n.account_id
        WHERE n.batch = $1 AND n.emailed_at IS NULL FOR UPDATE OF n`,
      [batch],
    );
    let emailed = 0;
    for (const r of rows.filter((x) => x.wants && x.email)) {
      await m.query(`UPDATE notifications SET emailed_at = now() WHERE id = $1`, [r.id]);
      await mailer.send(r.email!, r.title, r.body);
      emailed++;
    }
    return { emailed, skipped: rows.length - emailed };
  });
}
