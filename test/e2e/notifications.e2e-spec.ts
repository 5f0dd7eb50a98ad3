import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { ApiError, AssignedTask, NotificationNew, NotificationPage, NotificationPreferences, Page } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { newAccount, newPublishedMeeting, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/**
 * The notification centre (issue 20): a task assigned in published minutes reaches its agencies' people in the
 * app, live over their account room, and by email to those who asked for it, through a real SMTP server this
 * test starts (smtp-server; the mail parsed with mailparser), with the Vietnamese subject intact.
 */
describe('notifications', () => {
  let app: TestApp;
  let smtp: SMTPServer;
  const mails: ParsedMail[] = [];
  let mailArrived: (m: ParsedMail) => void = () => undefined;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        void simpleParser(stream).then((m) => {
          mails.push(m);
          mailArrived(m);
          done();
        }, done);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    // no Redis: the jobs (the email among them) run in the api itself
    app = await startTestApp({ redis: false, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Văn phòng Chính phủ <thongbao@vpcp.test>', OUTBOX_POLL_MS: '100' } });
  });
  afterAll(async () => {
    await app?.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('tells the agencies of a new task in the app, live, and by email to whoever asked, with the Vietnamese subject intact', async () => {
    const admin = await UserSession.signIn(app.baseUrl, 'admin');
    const chair = await UserSession.signIn(app.baseUrl, 'chair');
    const [vpcp, bng, langSon] = [await orgByCode(admin, 'VPCP'), await orgByCode(admin, 'BNG'), await orgByCode(admin, 'LANG_SON')];
    const secretary = await (await newAccount(admin, 'secretary', vpcp.id)).session();
    const lead = await (await newAccount(admin, 'viewer', bng.id, { fullName: 'Phạm Thu Hằng' })).session();
    const coop = await UserSession.signIn(app.baseUrl, 'langson');

    // bad preferences are refused and change nothing
    const bad = await lead.request<ApiError>('PUT', '/api/notifications/preferences', { email: 'không-phải-email', emailKinds: ['task_assigned'] });
    expect([bad.status, bad.body.code]).toEqual([400, 'validation_failed']);
    expect((await lead.request<ApiError>('PUT', '/api/notifications/preferences', { email: null, emailKinds: ['bay'] })).status).toBe(400);
    expect((await lead.get<NotificationPreferences>('/api/notifications/preferences')).body).toEqual({ email: null, emailKinds: [] });
    expect((await lead.request<NotificationPreferences>('PUT', '/api/notifications/preferences', { email: 'hang.pt@mofa.test', emailKinds: ['task_assigned', 'task_reminder'] })).body).toEqual({
      email: 'hang.pt@mofa.test',
      emailKinds: ['task_assigned', 'task_reminder'],
    });
    // Lạng Sơn's operator gives an address but wants no kind by email: the app only
    await coop.request('PUT', '/api/notifications/preferences', { email: 'duc.hv@langson.test', emailKinds: [] });

    const socket = await lead.socket();
    const live = new Promise<NotificationNew>((resolve) => socket.once('notification:new', resolve));
    const mailed = new Promise<ParsedMail>((resolve) => (mailArrived = resolve));
    const text = 'Giao Bộ Ngoại giao chủ trì, phối hợp với Ủy ban nhân dân tỉnh Lạng Sơn xây dựng báo cáo “hợp tác biên giới” trình Chính phủ';
    await newPublishedMeeting(
      { organizer: admin, chair, secretary },
      { title: 'Hội nghị Ban Chỉ đạo hội nhập quốc tế', hostOrganizationId: vpcp.id, start: day(1, '08:00'), end: day(1, '11:00'), tasks: [{ text, leadOrganizationId: bng.id, coOrganizationIds: [langSon.id], deadline: inDays(30) }] },
    );
    const task = (await lead.get<Page<AssignedTask>>('/api/tasks')).body.items[0];

    const pushed = await live;
    expect(pushed.unread).toBe(1);
    expect(pushed.notification).toMatchObject({ kind: 'task_assigned', link: `/tasks/${task.id}`, readAt: null });
    expect(pushed.notification.title).toBe(`Nhiệm vụ mới: ${text.slice(0, 119)}…`);
    socket.close();

    const mail = await mailed;
    expect(mail.subject).toBe(pushed.notification.title);
    expect(mail.subject).toContain('Ủy ban nhân dân tỉnh Lạng Sơn');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('hang.pt@mofa.test');
    expect(mail.from?.value[0]).toEqual({ address: 'thongbao@vpcp.test', name: 'Văn phòng Chính phủ' });
    expect(mail.text).toContain('Hội nghị Ban Chỉ đạo hội nhập quốc tế');
    expect(mail.text).toContain(inDays(30).split('-').reverse().join('/'));

    // the co-operating agency's operator has it in the app, not by email
    const theirs = (await coop.get<NotificationPage>('/api/notifications')).body;
    expect(theirs.items.map((n) => n.kind)).toEqual(['task_assigned']);
    expect(theirs.unread).toBe(1);
    const page = (await lead.get<NotificationPage>('/api/notifications?unread=true')).body;
    expect([page.total, page.unread]).toEqual([1, 1]);
    // marking read: another account's ids are ignored; one's own goes to zero
    expect((await coop.post<{ unread: number }>('/api/notifications/read', { ids: [page.items[0].id] })).body.unread).toBe(1);
    expect((await lead.post<{ unread: number }>('/api/notifications/read', { ids: [page.items[0].id] })).body.unread).toBe(0);
    expect((await lead.post<ApiError>('/api/notifications/read', { ids: [] })).status).toBe(400);
    expect((await coop.post<{ unread: number }>('/api/notifications/read', { all: true })).body.unread).toBe(0);
    expect(mails).toHaveLength(1);
  });
});
