import type { MeetingSnapshot } from '@app/contracts';

export const clock = (s: number) => `${s < 0 ? '−' : ''}${Math.floor(Math.abs(s) / 60)}:${String(Math.abs(s) % 60).padStart(2, '0')}`;

export const agendaItems = (state: MeetingSnapshot) => state.agenda.sessions.flatMap((s) => s.items.map((i) => ({ id: i.id, title: `${s.title} — ${i.title}` })));

export const endpointName = (state: MeetingSnapshot, id: string) => {
  const e = state.endpoints.find((x) => x.id === id);
  return e?.organizationShortName ?? e?.organizationName ?? '';
};

/** A duration as mm:ss (minutes padded to two digits; hours go on counting minutes: 75:00). */
export const mmss = (s: number) => `${s < 0 ? '−' : ''}${String(Math.floor(Math.abs(s) / 60)).padStart(2, '0')}:${String(Math.abs(s) % 60).padStart(2, '0')}`;
