import type { Browser, Page } from 'playwright-core';
import type { MeetingWriteResult, MinutesEntry, Organization, Page as ApiPage } from '@app/contracts';
import { localDateOf } from '@app/contracts';
import { UserSession } from '../support/session';
import { BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, signIn, startApiProcess, type RunningApi } from '../support/browser';
import { localDay } from '../support/time';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const inDays = (n: number) => localDateOf(new Date(Date.now() + n * 86_400_000));

/**
 * The secretary shapes the minutes in Chromium (issue 16): inserts between entries, moves them with the
 * keyboard (focus follows), finds them read-only in review, starts a correction with a reason, and sees
 * tasks with every organization named.
 */
describe('shaping the minutes in chromium', () => {
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let secretary: UserSession;
  let chair: UserSession;
  let meetingId: string;
  const base = () => `/api/meetings/${meetingId}/minutes`;
  const texts = () => page.$$eval('[data-testid=minutes-text]', (els) => els.map((e) => (e as unknown as { value: string }).value));
  const untilTexts = async (expected: string[]) => {
    await page.waitForFunction((want) => {
      const d = (globalThis as unknown as { document: { querySelectorAll: (s: string) => ArrayLike<{ value: string }> } }).document;
      return JSON.stringify(Array.from(d.querySelectorAll('[data-testid=minutes-text]')).map((e) => e.value)) === want;
    }, JSON.stringify(expected));
  };
  const focusedText = () => page.evaluate(() => ((globalThis as unknown as { document: { activeElement: { value?: string } | null } }).document.activeElement?.value ?? null));

  beforeAll(async () => {
    [api, browser] = await Promise.all([startApiProcess(), launchBrowser()]);
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    secretary = await UserSession.signIn(api.baseUrl, 'secretary', BROWSER_ADMIN_PASSWORD);
    chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const org = async (code: string) => (await admin.get<ApiPage<Organization>>(`/api/organizations?q=${code}`)).body.items.find((o) => o.code === code)!;
    const [bng, bca, langSon, dakLak] = [await org('BNG'), await org('BCA'), await org('LANG_SON'), await org('DAK_LAK')];
    meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Phiên họp Ban Chỉ đạo hội nhập quốc tế',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        secretaryIds: [secretary.account.id],
        scheduledStart: `${localDay(1)}T08:00`,
        scheduledEnd: `${localDay(1)}T11:00`,
      })
    ).body.meeting.id;
    await organizer.post(`/api/meetings/${meetingId}/transitions`, { action: 'schedule' });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'start' });
    for (const text of ['Một: khai mạc phiên họp', 'Ba: thảo luận']) await secretary.post<MinutesEntry>(`${base()}/entries`, { kind: 'note', text });
    await secretary.post(`${base()}/entries`, {
      kind: 'task',
      text: 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới',
      leadOrganizationId: bca.id,
      coOrganizationIds: [langSon.id, dakLak.id],
      deadline: inDays(45),
    });
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await signIn(page, api.baseUrl, 'secretary');
    await page.goto(`${api.baseUrl}/meetings/${meetingId}/minutes`);
    await page.getByTestId('minutes-entry').nth(2).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  it('names a task’s lead and every co-operating organization, never an id', async () => {
    await page.getByTestId('minutes-task-lead').getByText('Bộ Công an').waitFor();
    expect(await page.getByTestId('minutes-task-co').textContent()).toBe('Ủy ban nhân dân tỉnh Lạng Sơn, Ủy ban nhân dân tỉnh Đắk Lắk');
    expect(await page.getByTestId('minutes-task-orgs').textContent()).toMatch(/Thời hạn: \d{2}\/\d{2}\/\d{4}/);
    expect(await page.getByTestId('minutes').innerText()).not.toMatch(UUID);
  });

  it('inserts an entry between two others, and the new one has the focus', async () => {
    const first = page.getByRole('group', { name: 'Mục 1: Ghi chép' });
    await first.getByRole('button', { name: 'Chèn bên dưới mục 1' }).click();
    await first.getByRole('button', { name: 'Chèn Ghi chép bên dưới mục 1' }).click();
    await untilTexts(['Một: khai mạc phiên họp', '', 'Ba: thảo luận', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới']);
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } | null } }).document.activeElement?.getAttribute('data-testid') === 'minutes-text');
    await page.keyboard.type('Hai: báo cáo của Bộ Ngoại giao');
    expect((await texts())[1]).toBe('Hai: báo cáo của Bộ Ngoại giao');
    // autosaved (the tick appears once the server took it), before the next test moves the entries
    await page.getByRole('group', { name: 'Mục 2: Ghi chép' }).getByText('✓').waitFor();
  });

  it('moves an entry with Alt+ArrowUp/Down and with its named buttons; focus follows the entry', async () => {
    await page.getByTestId('minutes-text').nth(2).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await untilTexts(['Một: khai mạc phiên họp', 'Ba: thảo luận', 'Hai: báo cáo của Bộ Ngoại giao', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới']);
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { value?: string } | null } }).document.activeElement?.value === 'Ba: thảo luận');
    await page.keyboard.press('Alt+ArrowUp');
    await untilTexts(['Ba: thảo luận', 'Một: khai mạc phiên họp', 'Hai: báo cáo của Bộ Ngoại giao', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới']);
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { value?: string } | null } }).document.activeElement?.value === 'Ba: thảo luận');
    // at the top: Alt+ArrowUp does nothing; the up button is disabled
    expect(await page.getByRole('button', { name: 'Chuyển lên: mục 1 (Ghi chép)' }).isDisabled()).toBe(true);
    await page.keyboard.press('Alt+ArrowDown');
    await untilTexts(['Một: khai mạc phiên họp', 'Ba: thảo luận', 'Hai: báo cáo của Bộ Ngoại giao', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới']);
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { value?: string } | null } }).document.activeElement?.value === 'Ba: thảo luận');
    expect(await focusedText()).toBe('Ba: thảo luận');
    // the button, by its accessible name: focus stays on the same button of the moved entry
    await page.getByRole('button', { name: 'Chuyển xuống: mục 2 (Ghi chép)' }).click();
    await untilTexts(['Một: khai mạc phiên họp', 'Hai: báo cáo của Bộ Ngoại giao', 'Ba: thảo luận', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới']);
    await page.waitForFunction(() => {
      const el = (globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } | null } }).document.activeElement;
      return el?.getAttribute('aria-label') === 'Chuyển xuống: mục 3 (Ghi chép)';
    });
    // the server agrees
    expect((await secretary.get<{ entries: MinutesEntry[] }>(base())).body.entries.map((e) => e.text.split(':')[0])).toEqual(['Một', 'Hai', 'Ba', 'Giao Bộ Công an chủ trì, phối hợp với các địa phương rà soát an ninh biên giới'.split(':')[0]]);
    await page.getByTestId('minutes-announce').getByText('Đã chuyển mục Ghi chép tới vị trí 3').waitFor();
    const shots = await keepShots(page, 'minutes-draft');
    expect(shots['390x844'].scrollsSideways).toBe(false);
  });

  it('shows minutes in review read-only with the banner, until sent back', async () => {
    await page.getByTestId('minutes-submit').click();
    await page.getByTestId('minutes-readonly').getByText('Biên bản đang chờ duyệt; gửi trả lại để sửa').waitFor();
    expect(await page.getByTestId('minutes-text').count()).toBe(0);
    expect(await page.getByTestId('minutes-move-up').count()).toBe(0);
    expect(await page.getByTestId('minutes-text-view').count()).toBe(4);
    const shots = await keepShots(page, 'minutes-in-review');
    expect(shots['390x844'].scrollsSideways).toBe(false);
  });

  it('starts a correction of published minutes only with a reason, in a dialog that says what happens; the reason is kept', async () => {
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    await chair.post(`/api/meetings/${meetingId}/transitions`, { action: 'end' });
    await secretary.post(`${base()}/transitions`, { action: 'publish' });
    await page.getByTestId('minutes-start-correction').waitFor();
    expect(await page.getByTestId('minutes-text').count()).toBe(0);
    await page.getByTestId('minutes-start-correction').click();
    const dialog = page.getByTestId('correction-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('confirm-message').textContent()).toContain('Bản công bố số 1 được giữ nguyên');
    expect(await dialog.getByTestId('confirm-message').textContent()).toContain('bản số 2');
    await dialog.getByTestId('confirm-submit').click();
    await dialog.getByTestId('confirm-reason-error').waitFor();
    expect((await secretary.get<{ status: string }>(base())).body.status).toBe('published');
    const reason = 'Sửa tên cơ quan phối hợp theo ý kiến của Văn phòng Chính phủ';
    await dialog.getByTestId('confirm-reason').fill(reason);
    const shots = await keepShots(page, 'minutes-correction-dialog');
    expect(shots['390x844'].scrollsSideways).toBe(false);
    await dialog.getByTestId('confirm-submit').click();
    await page.getByTestId('minutes-correcting').getByText(reason, { exact: false }).waitFor();
    expect(await page.getByTestId('minutes-correcting').textContent()).toMatch(/Đang đính chính bản số 1: “Sửa tên cơ quan phối hợp theo ý kiến của Văn phòng Chính phủ” — .+, \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await page.getByTestId('minutes-text').first().waitFor();
    const shots2 = await keepShots(page, 'minutes-correction');
    expect(shots2['390x844'].scrollsSideways).toBe(false);
    // published as revision 2, the revision history says who corrected, when and why
    await secretary.post(`${base()}/transitions`, { action: 'submit' });
    await chair.post(`${base()}/transitions`, { action: 'approve' });
    await secretary.post(`${base()}/transitions`, { action: 'publish' });
    await page.getByTestId('minutes-revision-correction').getByText(reason, { exact: false }).waitFor();
    expect(await page.getByTestId('minutes-revision').count()).toBe(2);
  });

  it('lists the secretary’s tasks with the lead and every co-operating body named', async () => {
    await page.goto(`${api.baseUrl}/tasks`);
    const row = page.getByTestId('task-row').filter({ hasText: 'rà soát an ninh biên giới' });
    await row.waitFor();
    expect(await row.getByTestId('task-lead').textContent()).toBe('Bộ Công an');
    expect(await row.getByTestId('task-co').textContent()).toBe('Ủy ban nhân dân tỉnh Lạng Sơn, Ủy ban nhân dân tỉnh Đắk Lắk');
    expect(await page.getByTestId('tasks').innerText()).not.toMatch(UUID);
    expect(await row.innerText()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const shots = await keepShots(page, 'tasks');
    expect(shots['390x844'].scrollsSideways).toBe(false);
  });
});
