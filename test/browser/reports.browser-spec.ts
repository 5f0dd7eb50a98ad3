import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { Browser, Locator } from 'playwright-core';
import type { Ack, Attendee, MeetingEndpoint, MeetingWriteResult, MinutesEntry, Organization } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { TEST_REDIS_URL } from '../support/database';
import { orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { day } from '../support/time';

const ROOT = resolve(__dirname, '../..');
const WORKER = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/**
 * The post-meeting report page in chromium, with the built api and the built
 * worker as separate processes (with Redis the api only enqueues the report
 * job): the organizer watches the page of a meeting that has not ended, the
 * meeting ends, and the page follows the job to done live, then shows the
 * summary and downloads the DOCX and the PDF.
 */
describe('post-meeting report page in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let worker: ChildProcess;
  let db: Client;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    if (!existsSync(WORKER)) throw new Error('build the worker first: npx nest build worker');
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    worker = spawn(process.execPath, [WORKER], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'test', DATABASE_URL: api.databaseUrl, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: api.redisPrefix, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    db = new Client({ connectionString: api.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await db?.end();
    await browser?.close();
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.kill('SIGTERM');
      await exited;
    }
    await api?.stop();
  });

  it('follows the report job live once the meeting ends, then shows the summary and downloads DOCX and PDF', async () => {
    const sign = (username: string) => UserSession.signIn(api.baseUrl, username, BROWSER_ADMIN_PASSWORD);
    const [admin, organizer, chair, secretary, langsonOp] = await Promise.all(['admin', 'organizer', 'chair', 'secretary', 'langson'].map(sign));
    const orgs: Record<string, Organization> = {};
    for (const code of ['BNG', 'BCA', 'LANG_SON', 'HA_NOI']) orgs[code] = await orgByCode(admin, code);

    const title = 'Hội nghị sơ kết công tác biên giới đất liền 6 tháng đầu năm';
    const meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title,
        hostOrganizationId: orgs.BNG.id,
        chairId: chair.account.id,
        secretaryIds: [secretary.account.id],
        visibility: 'public',
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:30'),
      })
    ).body.meeting.id;
    const path = (p = '') => `/api/meetings/${meetingId}${p}`;
    const ep = {
      host: (await organizer.post<MeetingEndpoint>(path('/endpoints'), { organizationId: orgs.BNG.id, isHost: true, locationName: 'Trụ sở Bộ Ngoại giao, số 1 Tôn Thất Đàm' })).body,
      langSon: (await organizer.post<MeetingEndpoint>(path('/endpoints'), { organizationId: orgs.LANG_SON.id, operatorIds: [langsonOp.account.id] })).body,
      haNoi: (await organizer.post<MeetingEndpoint>(path('/endpoints'), { organizationId: orgs.HA_NOI.id })).body,
    };
    expect((await organizer.post(path('/transitions'), { action: 'schedule' })).status).toBe(200);

    // The organizer opens the report page before the meeting has ended.
    const page = await (await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true })).newPage();
    await signIn(page, api.baseUrl, 'organizer');
    await page.goto(`${api.baseUrl}/meetings/${meetingId}/report`);
    await page.getByTestId('report-not-ended').getByText('Cuộc họp chưa kết thúc').waitFor();
    expect(await page.getByTestId('report-summary').count()).toBe(0);
    expect(await page.getByTestId('report-download-docx').count()).toBe(0);

    // Two of three sites connect; Hà Nội never does.
    for (const [session, endpoint] of [[organizer, ep.host], [langsonOp, ep.langSon]] as const) {
      const socket = await session.socket();
      sockets.push(socket);
      expect(((await socket.emitWithAck('endpoint:join', { meetingId, endpointId: endpoint.id, device: 'Phòng họp trực tuyến' })) as Ack<unknown>).ok).toBe(true);
    }
    expect((await chair.post(path('/transitions'), { action: 'start' })).status).toBe(200);

    const person = async (session: UserSession, endpoint: MeetingEndpoint, fullName: string, position: string) =>
      (await session.post<Attendee>(path(`/endpoints/${endpoint.id}/attendees`), { fullName, position })).body;
    const act = (session: UserSession, endpoint: MeetingEndpoint, a: Attendee, action: string) => session.post<Attendee>(path(`/endpoints/${endpoint.id}/attendees/${a.id}/attendance`), { action });
    const minister = await person(organizer, ep.host, 'Bùi Thanh Sơn', 'Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao');
    const lateComer = await person(organizer, ep.host, 'Lê Thị Thu Hằng', 'Vụ trưởng Vụ Tổng hợp kinh tế');
    const hoang = await person(langsonOp, ep.langSon, 'Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh Lạng Sơn');
    const excused = await person(langsonOp, ep.langSon, 'Lương Trọng Quỳnh', 'Giám đốc Sở Ngoại vụ');
    await person(organizer, ep.haNoi, 'Trần Sỹ Thanh', 'Chủ tịch UBND thành phố Hà Nội');
    expect((await act(organizer, ep.host, minister, 'check_in')).status).toBe(200);
    expect((await act(langsonOp, ep.langSon, hoang, 'check_in')).status).toBe(200);
    expect((await act(langsonOp, ep.langSon, excused, 'excuse')).status).toBe(200);
    // One person arrives a quarter of an hour after the start: late.
    await db.query(`UPDATE meetings SET actual_start = now() - interval '15 minutes' WHERE id = $1`, [meetingId]);
    expect((await act(organizer, ep.host, lateComer, 'check_in')).body.status).toBe('late');

    // Two speeches, then set to a known timeline (the test cannot wait minutes).
    const speeches = [
      [langsonOp, ep.langSon, hoang, 'Kinh tế cửa khẩu và hợp tác với Quảng Tây', 185],
      [organizer, ep.host, minister, 'Phân giới cắm mốc và quản lý biên giới', 242],
    ] as const;
    const turnIds: string[] = [];
    for (const [session, endpoint, attendee, topic] of speeches) {
      const req = await session.post<{ id: string }>(path('/speech-requests'), { endpointId: endpoint.id, attendeeId: attendee.id, kind: 'prepared', topic });
      expect(req.status).toBe(201);
      expect((await chair.post(path(`/speech-requests/${req.body.id}/approve`))).status).toBe(200);
      expect((await chair.post(path('/floor'), { requestId: req.body.id })).status).toBe(200);
      expect((await chair.post(path('/floor/end'))).status).toBe(200);
      const [row] = (await db.query(`SELECT id FROM speaker_turns WHERE request_id = $1`, [req.body.id])).rows;
      turnIds.push(row.id);
    }
    let offset = 0;
    for (const [i, [, , , , seconds]] of speeches.entries()) {
      await db.query(
        `UPDATE speaker_turns SET started_at = now() - interval '10 minutes' + make_interval(secs => $2), ended_at = now() - interval '10 minutes' + make_interval(secs => $3), duration_seconds = $4 WHERE id = $1`,
        [turnIds[i], offset, offset + seconds, seconds],
      );
      offset += seconds + 15;
    }

    const entry = (body: object) => secretary.post<MinutesEntry>(path('/minutes/entries'), body);
    expect((await entry({ kind: 'conclusion', text: 'Hội nghị ghi nhận các địa phương biên giới đã giữ vững chủ quyền, an ninh biên giới.' })).status).toBe(201);
    const deadline = inDays(45);
    expect(
      (await entry({ kind: 'task', text: 'Xây dựng Đề án cửa khẩu thông minh tại cửa khẩu Hữu Nghị.', leadOrganizationId: orgs.LANG_SON.id, coOrganizationIds: [orgs.BNG.id, orgs.BCA.id], deadline })).status,
    ).toBe(201);

    // Every state the job rows pass through, recorded in the page; and a marker that a reload would wipe.
    await page.evaluate(`(() => {
      window.__sameDocument = true;
      window.__seen = [];
      const record = () => document.querySelectorAll('[data-testid=report-job]').forEach((el) => {
        const s = el.getAttribute('data-status') + (el.querySelector('[data-testid=report-progress]') ? ':progress' : '');
        if (window.__seen[window.__seen.length - 1] !== s) window.__seen.push(s);
      });
      new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);

    expect((await chair.post(path('/transitions'), { action: 'end' })).status).toBe(200);
    await page.locator('[data-testid=report-job][data-revision="0"][data-status=done]').waitFor({ timeout: 90_000 });
    await page.getByTestId('report-summary').waitFor();
    expect(await page.evaluate('window.__sameDocument === true')).toBe(true);
    const seen = (await page.evaluate('window.__seen')) as string[];
    expect(seen).toContain('running:progress');
    expect(seen[seen.length - 1]).toBe('done');
    expect(await page.getByTestId('report-not-ended').count()).toBe(0);
    expect(await page.getByTestId('report-retry').count()).toBe(0);

    // The summary: facts, endpoints, attendance, speeches, conclusions, tasks, the revision it was built from.
    const summary = page.getByTestId('report-summary');
    expect(await summary.getByTestId('report-meeting-title').textContent()).toBe(title);
    expect(await summary.getByTestId('report-chair').textContent()).toBe('Nguyễn Minh Vũ, Thứ trưởng Thường trực');
    expect(await summary.getByTestId('report-host').textContent()).toBe('Bộ Ngoại giao');
    expect(await summary.getByTestId('report-endpoint-counts').textContent()).toBe('Số điểm cầu được triệu tập: 3; đã kết nối: 2; không kết nối: 1.');
    expect(await summary.getByTestId('report-missing').textContent()).toBe(`Các điểm cầu không kết nối: ${orgs.HA_NOI.name}`);
    const attendanceOf = async (row: Locator) =>
      Promise.all(['expected', 'present', 'late', 'excused', 'absent'].map(async (c) => Number(await row.locator(`[data-col=${c}]`).textContent())));
    const row = (name: string) => summary.locator(`[data-testid=report-attendance-row][data-name="${name}"]`);
    expect(await attendanceOf(row('Bộ Ngoại giao'))).toEqual([2, 2, 1, 0, 0]);
    expect(await attendanceOf(row(orgs.LANG_SON.name))).toEqual([2, 1, 0, 1, 0]);
    expect(await attendanceOf(row(orgs.HA_NOI.name))).toEqual([1, 0, 0, 0, 1]);
    expect(await attendanceOf(summary.getByTestId('report-attendance-total'))).toEqual([5, 3, 1, 1, 1]);

    const cellsOf = async (rows: Locator) => Promise.all((await rows.all()).map((r) => r.locator('td').allTextContents()));
    const turns = await cellsOf(summary.getByTestId('report-turn'));
    expect(turns.map((cells) => [cells[0], cells[1], cells[2], cells[3], cells[4], cells[6]])).toEqual([
      ['1', orgs.LANG_SON.name, 'Đoàn Thu Hà', 'Phó Chủ tịch UBND tỉnh Lạng Sơn', 'Kinh tế cửa khẩu và hợp tác với Quảng Tây', '3 phút 5 giây'],
      ['2', 'Bộ Ngoại giao', 'Bùi Thanh Sơn', 'Phó Thủ tướng, Bộ trưởng Bộ Ngoại giao', 'Phân giới cắm mốc và quản lý biên giới', '4 phút 2 giây'],
    ]);
    expect(await summary.getByTestId('report-speaking-total').textContent()).toBe('Có 2 lượt phát biểu, tổng thời lượng 7 phút 7 giây.');
    const perEndpoint = (await cellsOf(summary.getByTestId('report-per-endpoint-row'))).map((cells) => cells.slice(0, 3));
    expect(perEndpoint).toEqual([
      ['Bộ Ngoại giao', '1', '4 phút 2 giây'],
      [orgs.LANG_SON.name, '1', '3 phút 5 giây'],
    ]);
    await summary.getByTestId('report-conclusions').getByText('giữ vững chủ quyền, an ninh biên giới').waitFor();
    const group = summary.locator(`[data-testid=report-task-group][data-lead="${orgs.LANG_SON.name}"]`);
    await group.getByText(`${orgs.LANG_SON.name} chủ trì`).waitFor();
    await group.getByText('Xây dựng Đề án cửa khẩu thông minh tại cửa khẩu Hữu Nghị.').waitFor();
    await group.getByText(`Cơ quan phối hợp: Bộ Ngoại giao, ${orgs.BCA.name}.`).waitFor();
    expect(await group.getByTestId('report-task-deadline').textContent()).toBe(`Thời hạn: ${deadline.split('-').reverse().join('/')}.`);
    expect(await summary.getByTestId('report-source').textContent()).toContain('Lập từ: Dự thảo biên bản lúc kết thúc họp');

    // Both files download through the authenticated helper.
    for (const [format, magic] of [['docx', 'PK'], ['pdf', '%PDF']] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`report-download-${format}`).click()]);
      expect(file.suggestedFilename()).toBe(`Báo cáo ${title} (lần 0).${format}`);
      const body = readFileSync((await file.path())!);
      expect(body.subarray(0, magic.length).toString('latin1')).toBe(magic);
    }
    await page.screenshot({ path: artifact('report-page.png'), fullPage: true });

    // The meeting's page links to the report once the meeting has ended.
    await page.goto(`${api.baseUrl}/meetings/${meetingId}`);
    await page.getByTestId('open-report').click();
    await page.getByTestId('report-summary').waitFor();
  }, 180_000);
});
