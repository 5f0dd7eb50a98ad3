import type { Browser, Page } from 'playwright-core';
import type { Attendee, BulkInviteResult, MeetingEndpoint, MeetingWriteResult, Organization, SpeechRequest } from '@app/contracts';
import { newAccount, orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';
import {
  artifact,
  BROWSER_ADMIN_PASSWORD,
  launchBrowser,
  mediasoupWorkerBin,
  signIn,
  startApiProcess,
  startMediaProcess,
  type RunningApi,
  type RunningMedia,
} from '../support/browser';

/*
 * Audio and video end to end: the built media process (a real mediasoup
 * worker, ICE on this machine's eth0 address), the built api with MEDIA_URL,
 * and three Chromium pages with fake cameras and microphones: two endpoint
 * consoles publishing, the chair's floor console receiving. The floor drives
 * who is heard; the receiving page's RTCPeerConnection stats prove it.
 */
const WORKER = mediasoupWorkerBin();
if (!WORKER) {
  // eslint-disable-next-line no-console
  console.warn('media.browser-spec skipped: no mediasoup worker (set MEDIASOUP_WORKER_BIN or run scripts/media/build-mediasoup-worker.sh)');
}
const describeMedia = WORKER ? describe : describe.skip;

/** Helpers installed in every page: conditions on the page's own receive stats, polled by waitForFunction (never a sleep). */
const PAGE_HELPERS = `
  window.__htt_stat = async (endpointId, kind) => {
    const all = window.__htt_media ? await window.__htt_media.stats() : [];
    return all.find((s) => s.endpointId === endpointId && s.kind === kind);
  };
  /** true once the field has grown since the first time this was asked (per consumer) */
  window.__htt_grows = async (endpointId, kind, field) => {
    const s = await window.__htt_stat(endpointId, kind);
    if (!s || s.paused) return false;
    window.__htt_first = window.__htt_first || {};
    const key = s.consumerId + field;
    if (window.__htt_first[key] === undefined) { window.__htt_first[key] = s[field]; return false; }
    return s[field] > window.__htt_first[key];
  };
  /** true once bytesReceived has not moved for ms milliseconds */
  window.__htt_still = async (endpointId, kind, ms) => {
    const s = await window.__htt_stat(endpointId, kind);
    if (!s) return true;
    window.__htt_last = window.__htt_last || {};
    const key = s.consumerId;
    const last = window.__htt_last[key];
    if (!last || last.bytes !== s.bytesReceived) { window.__htt_last[key] = { bytes: s.bytesReceived, at: Date.now() }; return false; }
    return Date.now() - last.at >= ms;
  };
`;

describeMedia('audio and video in chromium', () => {
  let media: RunningMedia;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    media = await startMediaProcess({ MEDIA_STATS_INTERVAL_MS: '500' });
    [api, browser] = await Promise.all([
      startApiProcess({ MEDIA_URL: media.url, MEDIA_SECRET: media.secret, MEDIA_STATS_INTERVAL_MS: '500' }),
      launchBrowser({ fakeMedia: true }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await media?.stop();
  });

  const newPage = async (username: string, password = BROWSER_ADMIN_PASSWORD): Promise<Page> => {
    // bypassCSP: waitForFunction's string predicates are evaluated by Playwright with eval, which the app's CSP
    // forbids; the app itself is held to its CSP in shell.browser-spec.ts.
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, bypassCSP: true })).newPage();
    await page.addInitScript(PAGE_HELPERS);
    await signIn(page, api.baseUrl, username, password);
    return page;
  };

  it('publishes two sites, gives the floor to one: the chair receives its audio and video while the other is held, until the speech ends', async () => {
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const langson = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const haNoi = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items.find((o) => o.code !== 'LANG_SON' && /Hà Nội/.test(o.name))!;
    const langSonOrg = await orgByCode(admin, 'LANG_SON');
    const bng = await orgByCode(admin, 'BNG');
    const hanoiAccount = await newAccount(admin, 'endpoint_operator', haNoi.id);
    const hanoi = await hanoiAccount.session();

    const meetingId = (
      await organizer.post<MeetingWriteResult>('/api/meetings', {
        kind: 'plenary',
        title: 'Hội nghị trực tuyến toàn quốc có hình ảnh',
        hostOrganizationId: bng.id,
        chairId: chair.account.id,
        visibility: 'public',
        scheduledStart: day(1, '08:00'),
        scheduledEnd: day(1, '11:00'),
      })
    ).body.meeting.id;
    const base = `/api/meetings/${meetingId}`;
    await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: bng.id, isHost: true });
    const added = (await organizer.post<BulkInviteResult>(`${base}/endpoints/bulk`, { mode: 'organizations', organizationIds: [langSonOrg.id, haNoi.id] })).body.added;
    const ls = added.find((e) => e.organizationId === langSonOrg.id)!;
    const hn = added.find((e) => e.organizationId === haNoi.id)!;
    const lsName = ls.organizationShortName ?? ls.organizationName;
    const hnName = hn.organizationShortName ?? hn.organizationName;
    await organizer.post(`${base}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base}/transitions`, { action: 'start' });
    const delegate = (await langson.post<Attendee>(`${base}/endpoints/${ls.id}/attendees`, { fullName: 'Hoàng Văn Thụ', position: 'Chủ tịch UBND tỉnh', walkIn: true })).body;
    await hanoi.post<Attendee>(`${base}/endpoints/${hn.id}/attendees`, { fullName: 'Trần Thị Mai', position: 'Phó Chủ tịch UBND thành phố', walkIn: true });
    const request = (await langson.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: ls.id, attendeeId: delegate.id, kind: 'contribution', topic: 'Cửa khẩu và kinh tế biên giới' })).body;
    expect((await chair.post<SpeechRequest>(`${base}/speech-requests/${request.id}/approve`)).body.status).toBe('queued');

    // both sites open their consoles and publish their fake camera and microphone
    const [lsPage, hnPage, chairPage, viewerPage] = await Promise.all([
      newPage('langson'),
      newPage(hanoiAccount.account.username, hanoiAccount.password),
      newPage('chair'),
      newPage('viewer'),
    ]);
    await lsPage.goto(`${api.baseUrl}/meetings/${meetingId}/console/${ls.id}`);
    await hnPage.goto(`${api.baseUrl}/meetings/${meetingId}/console/${hn.id}`);
    for (const page of [lsPage, hnPage]) {
      await page.locator('[data-testid=local-media][data-producing="audio,video"]').waitFor();
      await page.waitForFunction(`!!document.querySelector('[data-testid=local-video]')?.srcObject`);
    }
    await chairPage.goto(`${api.baseUrl}/meetings/${meetingId}/floor`);
    await viewerPage.goto(`${api.baseUrl}/meetings/${meetingId}/live`);
    await viewerPage.getByTestId('media-stage').waitFor();
    // with nobody speaking, only the host is heard: both sites are held by the floor
    await chairPage.locator(`[data-testid=media-thumb][data-name="${lsName}"][data-status=muted]`).waitFor();
    await chairPage.locator(`[data-testid=media-thumb][data-name="${hnName}"][data-status=muted]`).waitFor();

    // a site may not unmute itself while another holds the floor
    await chairPage.getByTestId('floor-next').click();
    await chairPage.waitForFunction(`window.__htt_media?.state()?.spotlightEndpointId === '${ls.id}'`);
    await hnPage.getByTestId('media-mute').click();
    await hnPage.getByTestId('media-mute-error').getByText('điểm cầu khác đang phát biểu').waitFor();

    // the chair's page receives the speaker's audio and video: packets arrive and frames are decoded
    const audioHeld = `(() => { const s = window.__htt_media?.state(); const e = s?.endpoints.find((x) => x.endpointId === '${hn.id}'); const a = e?.producers.find((p) => p.kind === 'audio'); return !!a && a.paused && e.muteReason === 'floor'; })()`;
    await chairPage.waitForFunction(audioHeld);
    const poll = { polling: 250, timeout: 30_000 };
    await chairPage.waitForFunction(`window.__htt_grows('${ls.id}', 'video', 'framesDecoded')`, undefined, poll);
    await chairPage.waitForFunction(`window.__htt_grows('${ls.id}', 'video', 'bytesReceived')`, undefined, poll);
    await chairPage.waitForFunction(`window.__htt_grows('${ls.id}', 'audio', 'bytesReceived')`, undefined, poll);
    // ... while the other site's audio stays held (its producer is paused on the server)
    expect(await chairPage.evaluate(audioHeld)).toBe(true);
    await chairPage.locator(`[data-testid=media-spotlight][data-endpoint="${ls.id}"][data-video=on]`).waitFor();
    await lsPage.locator('[data-testid=local-media] [data-testid=media-status][data-status=producing]').waitFor();
    await chairPage.waitForFunction(`document.querySelector('[data-testid=media-spotlight] video')?.videoWidth > 0`);
    // a viewer's live view receives the host and the speaker only
    await viewerPage.waitForFunction(`window.__htt_grows('${ls.id}', 'video', 'framesDecoded')`, undefined, poll);
    await viewerPage.waitForFunction(`window.__htt_grows('${ls.id}', 'audio', 'bytesReceived')`, undefined, poll);
    expect(await viewerPage.evaluate(`window.__htt_media.snapshot().remote.filter((r) => r.endpointId === '${hn.id}' && !r.paused).length`)).toBe(0);
    await chairPage.screenshot({ path: artifact('media-floor.png'), fullPage: true });
    await viewerPage.screenshot({ path: artifact('media-live.png'), fullPage: true });
    await lsPage.screenshot({ path: artifact('media-console.png'), fullPage: true });

    // the speech ends: the speaker's audio is held again and stops arriving
    await chairPage.getByTestId('floor-end').click();
    await chairPage.waitForFunction(
      `(() => { const s = window.__htt_media?.state(); const e = s?.endpoints.find((x) => x.endpointId === '${ls.id}'); return s?.spotlightEndpointId === null && e?.muteReason === 'floor' && e.producers.find((p) => p.kind === 'audio')?.paused === true; })()`,
    );
    await chairPage.waitForFunction(`window.__htt_still('${ls.id}', 'audio', 1500)`, undefined, poll);
    // the live view no longer wants the former speaker: its consumers are paused
    await viewerPage.waitForFunction(`(() => { const mine = window.__htt_media?.snapshot().remote.filter((r) => r.endpointId === '${ls.id}') ?? []; return mine.length > 0 && mine.every((r) => r.paused); })()`);
    await viewerPage.getByTestId('media-stage').and(viewerPage.locator('[data-spotlight=""]')).waitFor();
    await lsPage.locator('[data-testid=local-media] [data-testid=media-status][data-status=muted]').waitFor();

    // a site that loses its connection and comes back publishes again; its old producers are gone
    await lsPage.reload();
    await lsPage.locator('[data-testid=local-media][data-producing="audio,video"]').waitFor();
    await chairPage.waitForFunction(
      `(() => { const e = window.__htt_media?.state()?.endpoints.find((x) => x.endpointId === '${ls.id}'); return e?.producers.length === 2 && !!window.__htt_media.snapshot().remote.find((r) => r.producerId === e.producers.find((p) => p.kind === 'video').id); })()`,
    );
    await chairPage.waitForFunction(`window.__htt_grows('${ls.id}', 'video', 'framesDecoded')`, undefined, poll);

    // the wall shows each site's media state with bitrate
    await chairPage.goto(`${api.baseUrl}/meetings/${meetingId}/wall`);
    await chairPage.locator(`[data-testid=wall-tile][data-name="${hnName}"] [data-testid=tile-media][data-status=muted]`).waitFor();
    await chairPage.waitForFunction(`Number(document.querySelector('[data-testid=wall-tile][data-name="${lsName}"] [data-testid=tile-media]')?.getAttribute('data-bitrate')) > 0`, undefined, poll);
    await chairPage.screenshot({ path: artifact('media-wall.png'), fullPage: true });
  });
});
