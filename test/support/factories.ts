import { randomBytes } from 'node:crypto';
import type { AccountView, MeetingWriteResult, Organization, Role } from '@app/contracts';
import { UserSession } from './session';
import { day } from './time';

const suffix = () => randomBytes(3).toString('hex');

/** Builds data through the API, as a user would. */
export async function newOrganization(admin: UserSession, overrides: Partial<Organization> & { parentId?: string | null } = {}): Promise<Organization> {
  const res = await admin.post<Organization>('/api/organizations', {
    kind: 'department',
    name: `Sở Thử nghiệm ${suffix()}`,
    parentId: null,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`newOrganization: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function orgByCode(session: UserSession, code: string): Promise<Organization> {
  const res = await session.get<{ items: Organization[] }>(`/api/organizations?q=${encodeURIComponent(code)}&limit=50`);
  const org = res.body.items.find((o) => o.code === code);
  if (!org) throw new Error(`no organization with code ${code}`);
  return org;
}

export async function newAccount(
  admin: UserSession,
  role: Role,
  organizationId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ account: AccountView; password: string; session: () => Promise<UserSession> }> {
  const password = `Mật khẩu ${suffix()} dài`;
  const res = await admin.post<AccountView>('/api/accounts', {
    username: `u${suffix()}`,
    fullName: `Nguyễn Văn ${suffix()}`,
    password,
    organizationId,
    roles: [{ role, organizationId }],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`newAccount: ${res.status} ${JSON.stringify(res.body)}`);
  return { account: res.body, password, session: () => UserSession.signIn(admin.baseUrl, res.body.username, password) };
}

/** A public plenary on day `on` (08:00-11:00), hosted by `hostOrganizationId` and chaired by `chairId`; its id. */
export async function newMeeting(organizer: UserSession, input: { title: string; hostOrganizationId: string; chairId: string; on?: number }): Promise<string> {
  const on = input.on ?? 1;
  const res = await organizer.post<MeetingWriteResult>('/api/meetings', {
    kind: 'plenary',
    title: input.title,
    hostOrganizationId: input.hostOrganizationId,
    chairId: input.chairId,
    visibility: 'public',
    scheduledStart: day(on, '08:00'),
    scheduledEnd: day(on, '11:00'),
  });
  if (res.status !== 201) throw new Error(`meeting not created: ${JSON.stringify(res.body)}`);
  return res.body.meeting.id;
}

/** A task of published minutes, as the secretary writes it. */
export interface TaskEntryInput {
  text: string;
  leadOrganizationId: string;
  coOrganizationIds?: string[];
  deadline?: string;
}

/**
 * A meeting held and ended, its minutes with these tasks published (revision 1): the tasks reach the agencies.
 * The organizer schedules it for `hostOrganizationId`, the chair runs it, the secretary writes and publishes.
 */
export async function newPublishedMeeting(
  people: { organizer: UserSession; chair: UserSession; secretary: UserSession },
  input: { title: string; hostOrganizationId: string; start: string; end: string; tasks: TaskEntryInput[]; conclusions?: string[] },
): Promise<string> {
  const { organizer, chair, secretary } = people;
  const created = await organizer.post<{ meeting: { id: string } }>('/api/meetings', {
    kind: 'plenary',
    title: input.title,
    hostOrganizationId: input.hostOrganizationId,
    chairId: chair.account.id,
    secretaryIds: [secretary.account.id],
    scheduledStart: input.start,
    scheduledEnd: input.end,
  });
  if (created.status !== 201) throw new Error(`newPublishedMeeting: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.meeting.id;
  const ok = async (res: Promise<{ status: number; body: unknown }>, what: string) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`newPublishedMeeting ${what}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await ok(organizer.post(`/api/meetings/${id}/transitions`, { action: 'schedule' }), 'schedule');
  await ok(chair.post(`/api/meetings/${id}/transitions`, { action: 'start' }), 'start');
  for (const text of input.conclusions ?? []) await ok(secretary.post(`/api/meetings/${id}/minutes/entries`, { kind: 'conclusion', text }), 'conclusion');
  for (const t of input.tasks) await ok(secretary.post(`/api/meetings/${id}/minutes/entries`, { kind: 'task', coOrganizationIds: [], ...t }), 'task');
  await ok(chair.post(`/api/meetings/${id}/transitions`, { action: 'end' }), 'end');
  await ok(secretary.post(`/api/meetings/${id}/minutes/transitions`, { action: 'submit' }), 'submit');
  await ok(chair.post(`/api/meetings/${id}/minutes/transitions`, { action: 'approve' }), 'approve');
  await ok(secretary.post(`/api/meetings/${id}/minutes/transitions`, { action: 'publish' }), 'publish');
  return id;
}
