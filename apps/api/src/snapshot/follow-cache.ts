import type { MeetingSnapshot, PolicyFacts } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';

/**
 * How long a visibility decision may be reused. It is reused only while the meeting's seq is
 * the one it was taken at: every change to who may see a meeting (its visibility, chair,
 * secretaries, endpoints and their operators) is a committed meeting event and moves the seq,
 * and the caller's roles are part of the key (they are re-read from the SessionRegistry for
 * every packet). What moves no seq (an account moved to another organization, the
 * organization tree edited) is seen again after this long at most.
 */
export const DECISION_TTL_MS = 10_000;
/**
 * How long a snapshot built for one follower is handed to the next ones at the same seq.
 * A snapshot is the same for everyone at one seq except device counts and last-seen times,
 * which change without an event: those are at most this old for a socket that subscribes
 * during a storm (they are live again with the next presence change).
 */
export const SNAPSHOT_REUSE_MS = 2_000;
const MAX_DECISIONS = 50_000;
const MAX_SNAPSHOTS = 1_000;

interface Decision {
  seq: number;
  facts: PolicyFacts;
  at: number;
}

/**
 * What thousands of sockets subscribing to one meeting at once (a public view opening, the
 * clients of a failed api process reconnecting) would otherwise each read again: whether
 * the caller sees the meeting, and the meeting's snapshot at its current seq. Both are
 * reused only at the seq they were taken at (see DECISION_TTL_MS, SNAPSHOT_REUSE_MS),
 * so the meeting's seq is still read for every subscribe, and nothing a committed change
 * decides is ever served stale.
 */
export class FollowCache {
  private readonly decisions = new Map<string, Decision>();
  private readonly snapshots = new Map<string, { seq: number; snapshot: MeetingSnapshot; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  static key(user: AuthUser, meetingId: string) {
    const roles = user.roles.map((r) => `${r.role}@${r.organizationId}`).sort().join(',');
    return `${user.id}|${meetingId}|${roles}`;
  }

  /** A decision taken at `seq` for this caller and meeting, while fresh. */
  decision(user: AuthUser, meetingId: string): Decision | undefined {
    const key = FollowCache.key(user, meetingId);
    const hit = this.decisions.get(key);
    if (!hit) return undefined;
    if (this.clock() - hit.at >= DECISION_TTL_MS) {
      this.decisions.delete(key);
      return undefined;
    }
    return hit;
  }

  rememberDecision(user: AuthUser, meetingId: string, seq: number, facts: PolicyFacts) {
    bounded(this.decisions, MAX_DECISIONS).set(FollowCache.key(user, meetingId), { seq, facts, at: this.clock() });
  }

  /** The snapshot built at exactly `seq`, while fresh. */
  snapshot(meetingId: string, seq: number): MeetingSnapshot | undefined {
    const hit = this.snapshots.get(meetingId);
    if (!hit || hit.seq !== seq || this.clock() - hit.at >= SNAPSHOT_REUSE_MS) return undefined;
    return hit.snapshot;
  }

  rememberSnapshot(meetingId: string, seq: number, snapshot: MeetingSnapshot) {
    const cur = this.snapshots.get(meetingId);
    if (cur && cur.seq > seq) return; // an older build finishing late
    this.snapshots.delete(meetingId);
    bounded(this.snapshots, MAX_SNAPSHOTS).set(meetingId, { seq, snapshot, at: this.clock() });
  }
}

/** Drops the oldest entry when the map is full (Maps keep insertion order). */
function bounded<K, V>(map: Map<K, V>, max: number): Map<K, V> {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  return map;
}
