import type { AgendaSession } from '@app/contracts';

export interface AgendaSessionInput {
  id: string;
  title: string;
  fixedStart: Date | null;
  items: { id: string; title: string; durationMinutes: number; presenter: string | null; responsibleOrganizationId: string | null }[];
}

const MINUTE = 60_000;

/**
 * Planned times follow from the order: a session starts at its fixed start,
 * or when the previous one ends (the first at the meeting's start); each item
 * starts when the one before it ends.
 */
export function computeAgendaTimes(meetingStart: Date, sessions: AgendaSessionInput[]): AgendaSession[] {
  let cursor = meetingStart.getTime();
  return sessions.map((s) => {
    const sessionStart = s.fixedStart ? s.fixedStart.getTime() : cursor;
    let t = sessionStart;
    const items = s.items.map((i) => {
      const start = t;
      t += i.durationMinutes * MINUTE;
      return { ...i, plannedStart: new Date(start).toISOString(), plannedEnd: new Date(t).toISOString() };
    });
    cursor = t;
    return {
      id: s.id,
      title: s.title,
      fixedStart: s.fixedStart?.toISOString() ?? null,
      plannedStart: new Date(sessionStart).toISOString(),
      plannedEnd: new Date(t).toISOString(),
      items,
    };
  });
}
