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
