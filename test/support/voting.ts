import type { Attendee, BulkInviteResult, CreatePollRequest, MeetingEndpoint, MeetingWriteResult, Organization, Poll } from '@app/contracts';
import { orgByCode } from './factories';
import { http, UserSession } from './session';
import { day } from './time';

/**
 * A live plenary ready to vote: the host (Bộ Ngoại giao) and `sites` provinces,
 * each with `delegates` voting members checked in, one delegate who has not
 * arrived, and a guest. The organizer of the host acts for every site.
 */
export interface VotingMeeting {
  meetingId: string;
  organizer: UserSession;
  chair: UserSession;
  viewer: UserSession;
  endpoints: MeetingEndpoint[];
  /** per endpoint: checked-in voting members */
  delegates: Map<string, Attendee[]>;
  absent: Map<string, Attendee>;
  guests: Map<string, Attendee>;
  base: string;
}

export async function newVotingMeeting(baseUrl: string, options: { sites: number; delegates: number; /** the accounts' password when not the test app's */ password?: string; /** more fields of the new meeting (secretaryIds, ...) */ meeting?: Record<string, unknown> }): Promise<VotingMeeting> {
  const signIn = (username: string) => (options.password ? UserSession.signIn(baseUrl, username, options.password) : UserSession.signIn(baseUrl, username));
  const admin = await signIn('admin');
  const organizer = await signIn('organizer');
  const chair = await signIn('chair');
  const viewer = await signIn('viewer');
  const bng = await orgByCode(admin, 'BNG');
  const provinces = (await admin.get<{ items: Organization[] }>('/api/organizations?kind=province&limit=100')).body.items.slice(0, options.sites);
  const created = await organizer.post<MeetingWriteResult>('/api/meetings', {
    kind: 'plenary',
    title: 'Kỳ họp biểu quyết',
    hostOrganizationId: bng.id,
    chairId: chair.account.id,
    scheduledStart: day(1, '08:00'),
    scheduledEnd: day(1, '11:00'),
    overrideConflicts: true,
    ...options.meeting,
  });
  if (created.status !== 201) throw new Error(`meeting: ${created.status} ${JSON.stringify(created.body)}`);
  const meetingId = created.body.meeting.id;
  const base = `/api/meetings/${meetingId}`;
  const host = await organizer.post<MeetingEndpoint>(`${base}/endpoints`, { organizationId: bng.id, isHost: true, overrideConflicts: true });
  if (host.status !== 201) throw new Error(`host: ${host.status} ${JSON.stringify(host.body)}`);
  const added = await organizer.post<BulkInviteResult>(`${base}/endpoints/bulk`, { mode: 'organizations', organizationIds: provinces.map((p) => p.id), overrideConflicts: true });
  const endpoints = [host.body, ...added.body.added];
  const delegates = new Map<string, Attendee[]>();
  const absent = new Map<string, Attendee>();
  const guests = new Map<string, Attendee>();
  for (const e of endpoints) {
    const roster = `${base}/endpoints/${e.id}/attendees`;
    const csv = ['Họ và tên,Chức vụ,Vai trò', ...Array.from({ length: options.delegates }, (_, i) => `Đại biểu ${i + 1} ${e.organizationShortName ?? e.organizationName},Đại biểu,Đại biểu`)].join('\n');
    const imported = await organizer.post<{ created: Attendee[] }>(`${roster}/import`, { csv });
    if (imported.status !== 201) throw new Error(`roster: ${imported.status} ${JSON.stringify(imported.body)}`);
    delegates.set(e.id, imported.body.created);
    absent.set(e.id, (await organizer.post<Attendee>(roster, { fullName: `Vắng mặt ${e.organizationName}` })).body);
    guests.set(e.id, (await organizer.post<Attendee>(roster, { fullName: `Khách mời ${e.organizationName}`, role: 'guest', walkIn: true })).body);
  }
  for (const action of ['schedule', 'start'] as const) {
    const res = await (action === 'schedule' ? organizer : chair).post(`${base}/transitions`, action === 'schedule' ? { action, overrideConflicts: true } : { action });
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  // checked in once the meeting is live
  for (const e of endpoints) {
    const answers = await Promise.all(delegates.get(e.id)!.map((a) => organizer.post<Attendee>(`${base}/endpoints/${e.id}/attendees/${a.id}/attendance`, { action: 'check_in' })));
    const refused = answers.find((r) => r.status !== 200);
    if (refused) throw new Error(`check-in: ${refused.status} ${JSON.stringify(refused.body)}`);
  }
  return { meetingId, organizer, chair, viewer, endpoints, delegates, absent, guests, base };
}

export async function newPoll(v: VotingMeeting, body: CreatePollRequest, open = true): Promise<Poll> {
  const poll = await v.chair.call('polls.create', { params: { id: v.meetingId }, body });
  return open ? v.chair.call('polls.transition', { params: { id: v.meetingId, pollId: poll.id }, body: { action: 'open' } }) : poll;
}

/** Slips for every voting member of a site: attendee id -> token. */
export async function tokensOf(v: VotingMeeting, endpointId: string): Promise<Map<string, string>> {
  const slips = await v.organizer.call('polls.slips', { params: { id: v.meetingId, endpointId }, body: {} });
  return new Map(slips.map((s) => [s.attendeeId, s.path.slice(s.path.indexOf('#') + 1)]));
}

/** A ballot from a delegate's phone (no account). */
export const castBallot = (baseUrl: string, token: string, pollId: string, optionIds: string[]) => http(baseUrl, 'POST', '/api/ballot/votes', { token, pollId, optionIds });
