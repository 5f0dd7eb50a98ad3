import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Attendee, BulkInviteResult, MeetingEndpoint, Organization, SpeakersState, SpeechRequest } from '@app/contracts';
import { FFMPEG, rtpGateway } from '../support/broadcast';
import { newAccount, newMeeting, orgByCode } from '../support/factories';
import { UserSession, type TestSocket } from '../support/session';
import { artifact, BROWSER_ADMIN_PASSWORD, keepShots, launchBrowser, mediasoupWorkerBin, signIn, startApiProcess, startMediaProcess, type RunningApi, type RunningMedia } from '../support/browser';

/*
 * The watch-only tier in Chromium: the built media process runs FFmpeg for
 * the programme (a hall gateway sends the host's picture as RTP), the built
 * api serves the HLS, and a watch-only site's console plays it with hls.js
 * (frames decoded). The chair gives that site the floor: its console joins
 * the interactive room (WebRTC, fake camera and microphone), the chair
 * receives its video; when the speech ends it goes back to watching.
 */
const WORKER = mediasoupWorkerBin();
const ready = !!WORKER && existsSync(FFMPEG);
if (!ready) {
  // eslint-disable-next-line no-console
  console.warn('broadcast.browser-spec skipped: needs a mediasoup worker (MEDIASOUP_WORKER_BIN) and /usr/bin/ffmpeg');
}
const describeBroadcast = ready ? describe : describe.skip;

/** true once the <video> plays: time advances and frames have a size (decoded, not just loaded). */
const PLAYING = `(() => {
  const v = document.querySelector('[data-testid=broadcast-video]');
  if (!v || v.videoWidth === 0) return false;
  window.__htt_t0 = window.__htt_t0 ?? v.currentTime;
  return v.currentTime > window.__htt_t0 + 1;
})()`;

describeBroadcast('the watch-only broadcast in chromium', () => {
  let media: RunningMedia;
  let api: RunningApi;
  let browser: Browser;
  let socket: TestSocket;
  const stops: (() => void)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'htt-broadcast-b-'));

  beforeAll(async () => {
    media = await startMediaProcess({ BROADCAST_DIR: dir, MEDIA_STATS_INTERVAL_MS: '500' });
    [api, browser] = await Promise.all([startApiProcess({ MEDIA_URL: media.url, MEDIA_SECRET: media.secret, BROADCAST_DIR: dir, MEDIA_STATS_INTERVAL_MS: '500' }), launchBrowser({ fakeMedia: true })]);
  });
  afterAll(async () => {
    stops.forEach((s) => s());
    socket?.close();
    await browser?.close();
    await api?.stop();
    await media?.stop();
  });

  const newPage = async (username: string, password = BROWSER_ADMIN_PASSWORD, viewport = { width: 1440, height: 900 }): Promise<Page> => {
    // bypassCSP: waitForFunction's string predicates are evaluated with eval, which the app's CSP forbids (held in shell.browser-spec.ts)
    const page = await (await browser.newContext({ viewport, bypassCSP: true })).newPage();
    await signIn(page, api.baseUrl, username, password);
    return page;
  };

  it('plays the programme on a watch-only site, promotes it to WebRTC while it has the floor, and returns it to watching', async () => {
    const admin = await UserSession.signIn(api.baseUrl, 'admin', BROWSER_ADMIN_PASSWORD);
    const organizer = await UserSession.signIn(api.baseUrl, 'organizer', BROWSER_ADMIN_PASSWORD);
    const chair = await UserSession.signIn(api.baseUrl, 'chair', BROWSER_ADMIN_PASSWORD);
    const langson = await UserSession.signIn(api.baseUrl, 'langson', BROWSER_ADMIN_PASSWORD);
    const haNoi = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items.find((o) => o.code !== 'LANG_SON' && /Hà Nội/.test(o.name))!;
    const hanoi = await (await newAccount(admin, 'endpoint_operator', haNoi.id)).session();
    const bng = await orgByCode(admin, 'BNG');
    const langSonOrg = await orgByCode(admin, 'LANG_SON');
    const meetingId = await newMeeting(organizer, { title: 'Hội nghị toàn quốc đến cấp xã', hostOrganizationId: bng.id, chairId: chair.account.id });
    const base = `/api/meetings/${meetingId}`;
    const host = (await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: bng.id, isHost: true })).body;
    const added = (await organizer.post<BulkInviteResult>(`${base}/endpoints/bulk`, { mode: 'organizations', organizationIds: [langSonOrg.id, haNoi.id] })).body.added;
    const ls = added.find((e) => e.organizationId === langSonOrg.id)!;
    const hn = added.find((e) => e.organizationId === haNoi.id)!;
    await organizer.post(`${base}/transitions`, { action: 'schedule', overrideConflicts: true });
    await chair.post(`${base}/transitions`, { action: 'start' });
    const ask = async (op: UserSession, e: MeetingEndpoint, fullName: string) => {
      const a = (await op.post<Attendee>(`${base}/endpoints/${e.id}/attendees`, { fullName, position: 'Chủ tịch UBND', walkIn: true })).body;
      const r = (await op.post<SpeechRequest>(`${base}/speech-requests`, { endpointId: e.id, attendeeId: a.id, kind: 'contribution' })).body;
      await chair.post(`${base}/speech-requests/${r.id}/approve`);
      return r;
    };
    const lsRequest = await ask(langson, ls, 'Hoàng Văn Thụ');
    const hnRequest = await ask(hanoi, hn, 'Trần Thị Mai');

    // the host hall's picture comes from a gateway (plain RTP)
    socket = await chair.socket();
    const g = await rtpGateway(socket, meetingId, host.id, 3333);
    stops.push(g.stop);

    // the watch-only site's console plays the programme: no WebRTC, frames decoded by hls.js
    const lsPage = await newPage('langson');
    await lsPage.goto(`${api.baseUrl}/meetings/${meetingId}/console/${ls.id}/watch`);
    await lsPage.locator('[data-testid=watch-mode][data-mode=watching]').waitFor();
    await lsPage.locator('[data-testid=broadcast-player][data-status=live]').waitFor({ timeout: 30_000 });
    await lsPage.waitForFunction(PLAYING, undefined, { polling: 200, timeout: 30_000 });
    expect(await lsPage.evaluate('window.__htt_broadcast.engine()')).toBe('hls.js');
    expect(await lsPage.evaluate('window.__htt_media === undefined || window.__htt_media.snapshot().remote.length === 0')).toBe(true);
    await lsPage.getByTestId('broadcast-status').getByText('Đang phát trực tiếp').waitFor();
    await lsPage.locator('[data-testid=broadcast-latency]').waitFor();
    // once hls.js has settled on its live-sync point (it starts further back and catches up)
    await lsPage.waitForFunction(`window.__htt_broadcast.latency() !== null && window.__htt_broadcast.latency() < 6`, undefined, { polling: 250, timeout: 20_000 });
    const latency = Number(await lsPage.evaluate('window.__htt_broadcast.latency()'));
    const sincePdt = Number(await lsPage.evaluate('window.__htt_broadcast.sincePdt()'));
    // eslint-disable-next-line no-console
    console.log(`broadcast: behind the live edge + one segment: ${latency.toFixed(2)} s; now - program date-time of the frame on screen: ${sincePdt.toFixed(2)} s`);
    expect(latency).toBeLessThan(6);
    await keepShots(lsPage, 'broadcast-watch-console');

    // a viewer's watch page, on a phone
    const viewerPage = await newPage('viewer', BROWSER_ADMIN_PASSWORD, { width: 390, height: 844 });
    await viewerPage.goto(`${api.baseUrl}/meetings/${meetingId}/watch`);
    await viewerPage.waitForFunction(PLAYING, undefined, { polling: 200, timeout: 30_000 });
    await viewerPage.screenshot({ path: artifact('broadcast-watch-390.png'), fullPage: true });

    // the chair gives the floor to the watch-only site: its console joins WebRTC and publishes; the chair receives its video
    const queueBefore = (await chair.get<SpeakersState>(`${base}/speakers`)).body.requests.find((r) => r.id === hnRequest.id)!;
    const chairPage = await newPage('chair');
    await chairPage.goto(`${api.baseUrl}/meetings/${meetingId}/floor`);
    await chairPage.getByTestId('floor-next').click();
    await lsPage.locator('[data-testid=watch-mode][data-mode=interactive]').waitFor();
    await lsPage.locator('[data-testid=local-media][data-producing="audio,video"]').waitFor({ timeout: 30_000 });
    await expect(lsPage.getByTestId('broadcast-player').count()).resolves.toBe(0);
    await chairPage.waitForFunction(
      `(async () => { const s = (await window.__htt_media?.stats()) ?? []; const v = s.find((x) => x.endpointId === '${ls.id}' && x.kind === 'video'); return !!v && v.framesDecoded > 10; })()`,
      undefined,
      { polling: 250, timeout: 30_000 },
    );
    await chairPage.locator(`[data-testid=media-spotlight][data-endpoint="${ls.id}"][data-video=on]`).waitFor();
    await lsPage.screenshot({ path: artifact('broadcast-promoted.png'), fullPage: true });

    // the speech ends: back to watching, its producers gone, the queue as it was
    await chairPage.getByTestId('floor-end').click();
    await lsPage.locator('[data-testid=watch-mode][data-mode=watching]').waitFor();
    await lsPage.locator('[data-testid=broadcast-player]').waitFor();
    await chairPage.waitForFunction(`!(window.__htt_media?.state()?.endpoints.find((x) => x.endpointId === '${ls.id}')?.producers.length)`, undefined, { polling: 250, timeout: 15_000 });
    await lsPage.evaluate('window.__htt_t0 = undefined');
    await lsPage.waitForFunction(PLAYING, undefined, { polling: 200, timeout: 30_000 });
    const speakers = (await chair.get<SpeakersState>(`${base}/speakers`)).body;
    const hnAfter = speakers.requests.find((r) => r.id === hnRequest.id)!;
    expect(hnAfter.status).toBe(queueBefore.status);
    expect(hnAfter.position).toBe(queueBefore.position);
    expect(speakers.turns.find((x) => x.requestId === lsRequest.id)?.endedAt).not.toBeNull();
  }, 180_000);
});
