import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../common/auth-user';
import { MeetingEndpointEntity, MeetingEndpointOperatorEntity, MeetingEntity, MeetingSecretaryEntity } from '../meetings/meeting.entities';
import type { OrganizationsService } from '../organizations/organizations.service';
import { MeetingPolicy } from './meeting-policy';

/*
 * What the policy reads to decide: a fake manager counts every query, so these say both the
 * answer and its cost (the benchmarks tuned the chair's commands to one read of the meeting).
 */
const MEETING = '11111111-1111-4111-8111-111111111111';
const HOST_SITE = '22222222-2222-4222-8222-222222222222';
const SITE = '33333333-3333-4333-8333-333333333333';

function setup(opts: { secretaries?: string[]; operators?: Record<string, string[]>; organizers?: string[]; visibility?: 'public' | 'restricted' } = {}) {
  const calls: string[] = [];
  const meeting = { id: MEETING, chairId: 'chair', hostOrganizationId: 'host-org', visibility: opts.visibility ?? 'public' } as MeetingEntity;
  const endpoints = [
    { id: HOST_SITE, meetingId: MEETING, isHost: true },
    { id: SITE, meetingId: MEETING, isHost: false },
  ] as MeetingEndpointEntity[];
  const repos = new Map<unknown, object>([
    [MeetingEntity, { findOneBy: async () => (calls.push('meeting'), meeting), createQueryBuilder: () => ({ where: () => ({ andWhere: () => ({ getExists: async () => (calls.push('canView'), false) }) }) }) }],
    [MeetingEndpointEntity, { findOneBy: async ({ id }: { id: string }) => (calls.push('endpoint'), endpoints.find((e) => e.id === id) ?? null) }],
    [MeetingSecretaryEntity, { existsBy: async ({ accountId }: { accountId: string }) => (calls.push('secretary'), (opts.secretaries ?? []).includes(accountId)) }],
    [MeetingEndpointOperatorEntity, { existsBy: async ({ endpointId, accountId }: { endpointId: string; accountId: string }) => (calls.push('operator'), (opts.operators?.[endpointId] ?? []).includes(accountId)) }],
  ]);
  const manager = { getRepository: (entity: unknown) => repos.get(entity) } as unknown as EntityManager;
  const organizations = {
    holdsRoleOver: async (user: AuthUser) => (calls.push('organizer'), (opts.organizers ?? []).includes(user.id)),
  } as unknown as OrganizationsService;
  const policy = new MeetingPolicy({ manager } as unknown as DataSource, organizations);
  const as = (id: string): AuthUser => ({ id, sessionId: 's', roles: [] });
  return { policy, calls, as };
}

const codeOf = (p: Promise<unknown>) => p.then(() => 'allowed', (err: { code?: string }) => err.code);

describe('MeetingPolicy.require', () => {
  it("decides the chair's commands from the meeting row alone", async () => {
    const { policy, calls, as } = setup();
    await expect(policy.require(as('chair'), MEETING, 'queue.moderate')).resolves.toMatchObject({ id: MEETING });
    await policy.require(as('chair'), MEETING, 'minutes.approve');
    await policy.require(as('chair'), MEETING, 'media.produce', HOST_SITE);
    expect(calls).toEqual(['meeting', 'meeting', 'meeting', 'endpoint']);
  });

  it('asks whether the caller organizes the host only where an organizer would be let in', async () => {
    const { policy, calls, as } = setup({ organizers: ['org'] });
    expect(await codeOf(policy.require(as('org'), MEETING, 'queue.moderate'))).toBe('allowed');
    expect(calls).toEqual(['meeting', 'organizer']);
    calls.length = 0;
    // organizers do not write the minutes: neither the secretaries nor the role are worth a query for that
    expect(await codeOf(policy.require(as('org'), MEETING, 'minutes.approve'))).toBe('forbidden');
    expect(calls).toEqual(['meeting']);
  });

  it('reads the secretaries only for what a secretary may do', async () => {
    const { policy, calls, as } = setup({ secretaries: ['sec'] });
    expect(await codeOf(policy.require(as('sec'), MEETING, 'minutes.edit'))).toBe('allowed');
    expect(await codeOf(policy.require(as('sec'), MEETING, 'queue.approve_prepared'))).toBe('allowed');
    expect(await codeOf(policy.require(as('sec'), MEETING, 'queue.moderate'))).toBe('forbidden');
    expect(calls).toEqual(['meeting', 'secretary', 'meeting', 'secretary', 'meeting', 'organizer']);
    expect(await codeOf(policy.require(as('someone'), MEETING, 'minutes.edit'))).toBe('not_meeting_secretary');
  });

  it('lets an operator act for its own endpoint only, and answers an unknown endpoint 404 first', async () => {
    const { policy, as } = setup({ operators: { [SITE]: ['op'] } });
    expect(await codeOf(policy.require(as('op'), MEETING, 'roster.edit', SITE))).toBe('allowed');
    expect(await codeOf(policy.require(as('op'), MEETING, 'roster.edit', HOST_SITE))).toBe('not_endpoint_operator');
    expect(await codeOf(policy.require(as('op'), MEETING, 'roster.edit', '44444444-4444-4444-8444-444444444444'))).toBe('endpoint_not_found');
    expect(await codeOf(policy.require(as('chair'), MEETING, 'media.produce', SITE))).toBe('not_endpoint_operator');
  });

  it('keeps the refusal codes each command answered before', async () => {
    const { policy, as } = setup();
    expect(await codeOf(policy.require(as('chair'), MEETING, 'techcheck.open'))).toBe('forbidden');
    expect(await codeOf(policy.require(as('someone'), MEETING, 'techcheck.open'))).toBe('not_endpoint_operator');
    expect(await codeOf(policy.require(as('someone'), MEETING, 'rollcall.run'))).toBe('not_endpoint_operator');
    expect(await codeOf(policy.require(as('someone'), MEETING, 'meeting.edit'))).toBe('forbidden');
  });

  it('hides a meeting the caller may not see behind 404, before any capability', async () => {
    const { policy, calls, as } = setup({ visibility: 'restricted' });
    expect(await codeOf(policy.require(as('someone'), MEETING, 'queue.moderate'))).toBe('meeting_not_found');
    expect(calls).toEqual(['meeting', 'organizer', 'canView']);
    // the chair sees its own meeting without the visibility query
    expect(await codeOf(policy.require(as('chair'), MEETING, 'meeting.view'))).toBe('allowed');
  });
});
