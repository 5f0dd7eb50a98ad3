import type { MeetingSnapshot, PolicyFacts } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { DECISION_TTL_MS, FollowCache, SNAPSHOT_REUSE_MS } from './follow-cache';

const viewer: AuthUser = { id: 'a-1', sessionId: 's-1', roles: [{ role: 'viewer', organizationId: 'o-1' }] };
const facts: PolicyFacts = { accountId: 'a-1', visible: true, organizerOfHost: false };
const snapshot = { meeting: { id: 'm-1' } } as unknown as MeetingSnapshot;

describe('FollowCache', () => {
  let now = 1_000_000;
  const cache = () => new FollowCache(() => now);

  it('reuses a decision for the same account and roles, not for other roles', () => {
    const c = cache();
    c.rememberDecision(viewer, 'm-1', 7, facts);
    expect(c.decision({ ...viewer, sessionId: 's-2' }, 'm-1')).toMatchObject({ seq: 7, facts });
    expect(c.decision({ ...viewer, roles: [{ role: 'organizer', organizationId: 'o-1' }] }, 'm-1')).toBeUndefined();
    expect(c.decision(viewer, 'm-2')).toBeUndefined();
  });

  it('forgets a decision after its time', () => {
    const c = cache();
    c.rememberDecision(viewer, 'm-1', 7, facts);
    now += DECISION_TTL_MS;
    expect(c.decision(viewer, 'm-1')).toBeUndefined();
  });

  it('hands out a snapshot only at its own seq and while fresh, and never goes back to an older one', () => {
    const c = cache();
    c.rememberSnapshot('m-1', 7, snapshot);
    expect(c.snapshot('m-1', 7)).toBe(snapshot);
    expect(c.snapshot('m-1', 8)).toBeUndefined();
    const newer = { ...snapshot } as MeetingSnapshot;
    c.rememberSnapshot('m-1', 8, newer);
    c.rememberSnapshot('m-1', 7, snapshot); // an older build finishing late
    expect(c.snapshot('m-1', 8)).toBe(newer);
    now += SNAPSHOT_REUSE_MS;
    expect(c.snapshot('m-1', 8)).toBeUndefined();
  });
});
