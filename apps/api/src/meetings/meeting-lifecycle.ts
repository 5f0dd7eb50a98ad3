import type { MeetingAction, MeetingStatus } from '@app/contracts';

/**
 * The meeting lifecycle: draft -> scheduled -> live -> ended -> minutes
 * published, with postpone (stays scheduled, new time) and cancel. Pure, so
 * every rule has a unit test.
 */
const TRANSITIONS: Record<MeetingAction, { from: MeetingStatus[]; to: MeetingStatus | 'same' }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'live' },
  end: { from: ['live'], to: 'ended' },
  publish_minutes: { from: ['ended'], to: 'minutes_published' },
  cancel: { from: ['draft', 'scheduled'], to: 'cancelled' },
  postpone: { from: ['draft', 'scheduled'], to: 'same' },
};

export function nextStatus(current: MeetingStatus, action: MeetingAction): MeetingStatus | null {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(current)) return null;
  return rule.to === 'same' ? current : rule.to;
}

export function allowedActions(current: MeetingStatus): MeetingAction[] {
  return (Object.keys(TRANSITIONS) as MeetingAction[]).filter((a) => nextStatus(current, a) !== null);
}

/** Statuses in which the meeting's time, people and endpoints may still change. */
export const EDITABLE_STATUSES: MeetingStatus[] = ['draft', 'scheduled'];
/** Statuses that occupy their time slot for conflict checks. */
export const BOOKING_STATUSES: MeetingStatus[] = ['draft', 'scheduled', 'live'];

/** Two half-open intervals [start, end) overlap. */
export function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}
