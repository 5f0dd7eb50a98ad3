import { z } from 'zod';
import { fieldRule } from './errors';
import { inputUrl, optionalText, text, type Aligned, type Assert } from './common';

/**
 * Speech kinds as in parliamentary practice (OpenSlides is the reference).
 * Points of order go first, interventions and interposed questions right
 * after the current speech, ordinary requests keep their order.
 */
export const SPEECH_KINDS = ['prepared', 'contribution', 'for', 'against', 'intervention', 'interposed_question', 'point_of_order'] as const;
export const speechKindSchema = z.enum(SPEECH_KINDS);
export type SpeechKind = z.infer<typeof speechKindSchema>;

/** Ranked categories of a point of order: a lower rank is heard first. */
export const POINT_OF_ORDER_CATEGORIES = [
  { rank: 1, key: 'rules', vi: 'Vi phạm nội quy', en: 'Breach of the rules' },
  { rank: 2, key: 'procedure', vi: 'Thủ tục điều hành', en: 'Procedure' },
  { rank: 3, key: 'agenda', vi: 'Chương trình nghị sự', en: 'Agenda' },
  { rank: 4, key: 'time', vi: 'Thời gian', en: 'Time' },
  { rank: 5, key: 'other', vi: 'Khác', en: 'Other' },
] as const;

export const SPEECH_STATUSES = ['pending', 'queued', 'speaking', 'done', 'rejected', 'withdrawn', 'skipped'] as const;
export type SpeechStatus = (typeof SPEECH_STATUSES)[number];

export interface SpeechRequest {
  id: string;
  meetingId: string;
  endpointId: string;
  attendeeId: string;
  attendeeName: string;
  attendeePosition: string | null;
  agendaItemId: string | null;
  kind: SpeechKind;
  /** for points of order */
  categoryRank: number | null;
  /** for interventions: the request whose speech it answers */
  answersRequestId: string | null;
  topic: string | null;
  abstract: string | null;
  documentUrl: string | null;
  /** a prepared contribution's uploaded document (readable by the host site, the chair and the secretaries) */
  documentId: string | null;
  requestedMinutes: number;
  status: SpeechStatus;
  rejectReason: string | null;
  /** manual order among ordinary requests (set by the chair's reorder) */
  position: number;
  requestedAt: string;
  approvedAt: string | null;
  version: number;
}

export interface SpeakerTurn {
  id: string;
  meetingId: string;
  requestId: string;
  endpointId: string;
  attendeeId: string;
  attendeeName: string;
  agendaItemId: string | null;
  kind: SpeechKind;
  topic: string | null;
  /** server times */
  startedAt: string;
  endedAt: string | null;
  /** allotted speaking time, extensions included */
  allottedSeconds: number;
  /** speaking time, pauses left out */
  durationSeconds: number | null;
  /** server time the chair paused the countdown; null while it runs */
  pausedAt: string | null;
  /** milliseconds of pauses already ended (a running pause counts from pausedAt) */
  pausedMs: number;
}

export interface SpeakerSettings {
  open: boolean;
  maxOpenRequestsPerEndpoint: number;
  /** cap on turns per endpoint per agenda item; null: no cap */
  maxTurnsPerEndpointPerItem: number | null;
  /** speaking-time budget per endpoint in seconds; null: no budget */
  budgetSeconds: number | null;
  /** endpoints not yet heard on the item go before the others */
  unheardFirst: boolean;
  defaultMinutes: number;
}

export interface SpeakersState {
  settings: SpeakerSettings;
  requests: SpeechRequest[];
  turns: SpeakerTurn[];
  /** seconds added to an endpoint's budget */
  addedSeconds: Record<string, number>;
}

const ORDINARY: SpeechKind[] = ['prepared', 'contribution', 'for', 'against'];
export const isOrdinary = (kind: SpeechKind) => ORDINARY.includes(kind);

/**
 * The order in which queued requests get the floor. Pure and shared, so the
 * chair, the endpoints and the server agree on every position:
 *   1. points of order, by category rank, then by time asked;
 *   2. interventions and interposed questions, by time asked (right after the current speech);
 *   3. ordinary requests by the chair's order; with "unheard first", endpoints
 *      not yet heard on the request's agenda item go before those already heard.
 */
export function orderQueue(requests: SpeechRequest[], turns: Pick<SpeakerTurn, 'endpointId' | 'agendaItemId'>[], settings: Pick<SpeakerSettings, 'unheardFirst'>): SpeechRequest[] {
  const queued = requests.filter((r) => r.status === 'queued');
  const byTime = (a: SpeechRequest, b: SpeechRequest) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id);
  const points = queued.filter((r) => r.kind === 'point_of_order').sort((a, b) => (a.categoryRank ?? 99) - (b.categoryRank ?? 99) || byTime(a, b));
  const interjections = queued.filter((r) => r.kind === 'intervention' || r.kind === 'interposed_question').sort(byTime);
  const ordinary = queued.filter((r) => isOrdinary(r.kind)).sort((a, b) => a.position - b.position || byTime(a, b));
  if (settings.unheardFirst) {
    const heard = new Set(turns.map((t) => `${t.endpointId}|${t.agendaItemId ?? ''}`));
    const isHeard = (r: SpeechRequest) => heard.has(`${r.endpointId}|${r.agendaItemId ?? ''}`);
    return [...points, ...interjections, ...ordinary.filter((r) => !isHeard(r)), ...ordinary.filter(isHeard)];
  }
  return [...points, ...interjections, ...ordinary];
}

type TurnClock = Pick<SpeakerTurn, 'startedAt' | 'allottedSeconds'> & Partial<Pick<SpeakerTurn, 'endedAt' | 'pausedAt' | 'pausedMs'>>;

/**
 * Milliseconds a turn has had the floor at `now`: from its start to its end (or to now), less
 * every pause. A running pause stops the clock at pausedAt, so the countdown stands still and
 * shows the same value on every screen until the chair resumes.
 */
export function speakingMs(turn: TurnClock, now: number): number {
  const start = Date.parse(turn.startedAt);
  const end = turn.endedAt ? Date.parse(turn.endedAt) : now;
  const stopped = turn.pausedAt ? Math.min(end, Date.parse(turn.pausedAt)) : end;
  return Math.max(0, stopped - start - (turn.pausedMs ?? 0));
}

/** The state of a turn after a pause at `at` (ms): the clock stops; null when it is already paused or over. */
export function pauseTurn<T extends TurnClock>(turn: T, at: number): (Omit<T, 'pausedAt'> & { pausedAt: string }) | null {
  if (turn.endedAt || turn.pausedAt) return null;
  return { ...turn, pausedAt: new Date(Math.max(at, Date.parse(turn.startedAt))).toISOString() };
}

/** The state of a turn after resuming at `at` (ms): the pause joins pausedMs, so the time left is what it was when paused. */
export function resumeTurn<T extends TurnClock>(turn: T, at: number): (Omit<T, 'pausedAt' | 'pausedMs'> & { pausedAt: null; pausedMs: number }) | null {
  if (turn.endedAt || !turn.pausedAt) return null;
  const paused = Math.max(0, at - Date.parse(turn.pausedAt));
  return { ...turn, pausedAt: null, pausedMs: (turn.pausedMs ?? 0) + paused };
}

/** Seconds an endpoint has spoken, counting a running turn up to `now` (pauses left out). */
export function spokenSeconds(turns: SpeakerTurn[], endpointId: string, now: number): number {
  return turns
    .filter((t) => t.endpointId === endpointId)
    .reduce((sum, t) => sum + (t.durationSeconds ?? Math.round(speakingMs(t, now) / 1000)), 0);
}

/** What the countdown shows: seconds left (negative when over time); it stands still while paused. */
export function remainingSeconds(turn: TurnClock, now: number): number {
  return turn.allottedSeconds - Math.floor(speakingMs(turn, now) / 1000);
}

export interface AgendaItemTiming {
  agendaItemId: string;
  /** planned minutes of the item, in seconds */
  plannedSeconds: number;
  /** the speeches on the item so far, a running one up to now */
  usedSeconds: number;
  turns: number;
  /** usedSeconds - plannedSeconds: positive when over */
  overSeconds: number;
}

/** Time used per agenda item (the sum of its speeches) against its planned duration, for every item of the agenda. */
export function agendaItemTiming(items: { id: string; durationMinutes: number }[], turns: SpeakerTurn[], now: number): AgendaItemTiming[] {
  return items.map((item) => {
    const mine = turns.filter((t) => t.agendaItemId === item.id);
    const usedSeconds = mine.reduce((sum, t) => sum + (t.durationSeconds ?? Math.round(speakingMs(t, now) / 1000)), 0);
    const plannedSeconds = item.durationMinutes * 60;
    return { agendaItemId: item.id, plannedSeconds, usedSeconds, turns: mine.length, overSeconds: usedSeconds - plannedSeconds };
  });
}

// ---- requests ----

export const createSpeechRequestSchema = z
  .object({
    endpointId: z.uuid(),
    attendeeId: z.uuid(),
    kind: speechKindSchema,
    agendaItemId: z.uuid().nullish().transform((v) => v ?? null),
    categoryRank: z.number().int().min(1).max(POINT_OF_ORDER_CATEGORIES.length).nullish().transform((v) => v ?? null),
    answersRequestId: z.uuid().nullish().transform((v) => v ?? null),
    topic: optionalText(500).optional(),
    abstract: optionalText(3000).optional(),
    documentUrl: inputUrl().max(1000).nullish().transform((v) => v ?? null),
    requestedMinutes: z.number().int().min(1).max(60).optional(),
  })
  .strict()
  .refine((r) => r.kind !== 'prepared' || !!r.topic, fieldRule('prepared_needs_topic', 'a prepared contribution needs a topic', ['topic']))
  .refine((r) => r.kind !== 'point_of_order' || r.categoryRank !== null, fieldRule('point_of_order_needs_category', 'a point of order needs a category', ['categoryRank']));
export type CreateSpeechRequest = z.input<typeof createSpeechRequestSchema>;

export const rejectSpeechRequestSchema = z.object({ reason: text(500) }).strict();
export const moveSpeechRequestSchema = z.object({ position: z.number().int().min(0).max(10_000) }).strict();
export const changeAgendaItemSchema = z.object({ agendaItemId: z.uuid().nullable() }).strict();
export const giveFloorSchema = z.object({ requestId: z.uuid().optional(), minutes: z.number().int().min(1).max(120).optional() }).strict();
export const extendFloorSchema = z.object({ seconds: z.number().int().min(10).max(3600) }).strict();
export const addTimeSchema = z.object({ seconds: z.number().int().min(-3600).max(3600).refine((s) => s !== 0, fieldRule('not_zero', 'must not be 0')) }).strict();
export const speakerSettingsSchema = z
  .object({
    open: z.boolean().optional(),
    maxOpenRequestsPerEndpoint: z.number().int().min(1).max(50).optional(),
    maxTurnsPerEndpointPerItem: z.number().int().min(1).max(50).nullable().optional(),
    budgetSeconds: z.number().int().min(30).max(36_000).nullable().optional(),
    unheardFirst: z.boolean().optional(),
    defaultMinutes: z.number().int().min(1).max(60).optional(),
  })
  .strict();

export const DEFAULT_SPEAKER_SETTINGS: SpeakerSettings = {
  open: true,
  maxOpenRequestsPerEndpoint: 3,
  maxTurnsPerEndpointPerItem: null,
  budgetSeconds: null,
  unheardFirst: false,
  defaultMinutes: 5,
};

export interface SpeakerStatistics {
  byEndpoint: { endpointId: string; turns: number; seconds: number; budgetSeconds: number | null; remainingSeconds: number | null }[];
  turnsByAgendaItem: { agendaItemId: string | null; turns: number }[];
  /** from approval to the floor, over the turns given so far */
  waiting: { averageSeconds: number; longestSeconds: number };
}

/** Live statistics of the floor, computed from the shared state (so every screen shows the same figures). */
export function speakerStatistics(state: SpeakersState, endpointIds: string[], now: number): SpeakerStatistics {
  const byEndpoint = endpointIds.map((endpointId) => {
    const seconds = spokenSeconds(state.turns, endpointId, now);
    const budget = state.settings.budgetSeconds === null ? null : state.settings.budgetSeconds + (state.addedSeconds[endpointId] ?? 0);
    return { endpointId, turns: state.turns.filter((t) => t.endpointId === endpointId).length, seconds, budgetSeconds: budget, remainingSeconds: budget === null ? null : budget - seconds };
  });
  const items = new Map<string | null, number>();
  state.turns.forEach((t) => items.set(t.agendaItemId, (items.get(t.agendaItemId) ?? 0) + 1));
  const requests = new Map(state.requests.map((r) => [r.id, r]));
  const waits = state.turns
    .map((t) => {
      const approved = requests.get(t.requestId)?.approvedAt;
      return approved ? Math.max(0, (Date.parse(t.startedAt) - Date.parse(approved)) / 1000) : null;
    })
    .filter((w): w is number => w !== null);
  return {
    byEndpoint,
    turnsByAgendaItem: [...items.entries()].map(([agendaItemId, turns]) => ({ agendaItemId, turns })),
    waiting: { averageSeconds: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : 0, longestSeconds: Math.round(Math.max(0, ...waits)) },
  };
}

// ---- response schemas (the interfaces above as zod, for the route map and the tests' response checks) ----

const iso = z.string();
export const speechRequestSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  endpointId: z.string(),
  attendeeId: z.string(),
  attendeeName: z.string(),
  attendeePosition: z.string().nullable(),
  agendaItemId: z.string().nullable(),
  kind: speechKindSchema,
  categoryRank: z.number().int().nullable(),
  answersRequestId: z.string().nullable(),
  topic: z.string().nullable(),
  abstract: z.string().nullable(),
  documentUrl: z.string().nullable(),
  documentId: z.string().nullable(),
  requestedMinutes: z.number().int(),
  status: z.enum(SPEECH_STATUSES),
  rejectReason: z.string().nullable(),
  position: z.number(),
  requestedAt: iso,
  approvedAt: iso.nullable(),
  version: z.number().int(),
});
export const speakerTurnSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  requestId: z.string(),
  endpointId: z.string(),
  attendeeId: z.string(),
  attendeeName: z.string(),
  agendaItemId: z.string().nullable(),
  kind: speechKindSchema,
  topic: z.string().nullable(),
  startedAt: iso,
  endedAt: iso.nullable(),
  allottedSeconds: z.number().int(),
  durationSeconds: z.number().int().nullable(),
  pausedAt: iso.nullable(),
  pausedMs: z.number().int(),
});
export const speakerSettingsResponseSchema = z.object({
  open: z.boolean(),
  maxOpenRequestsPerEndpoint: z.number().int(),
  maxTurnsPerEndpointPerItem: z.number().int().nullable(),
  budgetSeconds: z.number().int().nullable(),
  unheardFirst: z.boolean(),
  defaultMinutes: z.number().int(),
});
export const speakersStateSchema = z.object({
  settings: speakerSettingsResponseSchema,
  requests: z.array(speechRequestSchema),
  turns: z.array(speakerTurnSchema),
  addedSeconds: z.record(z.string(), z.number()),
});
export const endpointTimeSchema = z.object({ endpointId: z.string(), addedSeconds: z.number().int() });

export type _SpeakerSchemasAligned = [
  Assert<Aligned<z.output<typeof speechRequestSchema>, SpeechRequest>>,
  Assert<Aligned<z.output<typeof speakerTurnSchema>, SpeakerTurn>>,
  Assert<Aligned<z.output<typeof speakerSettingsResponseSchema>, SpeakerSettings>>,
  Assert<Aligned<z.output<typeof speakersStateSchema>, SpeakersState>>,
];
