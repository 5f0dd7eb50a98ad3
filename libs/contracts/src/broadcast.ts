import { z } from 'zod';
import { inputString } from './common';

/**
 * The watch-only broadcast tier: the media process feeds the programme (the
 * current speaker's site, else the host site) through a mediasoup
 * PlainTransport into FFmpeg, which writes HLS that the api (and nginx in
 * front, infra/nginx) serve to the sites that only watch.
 */

/**
 * off: not started (the meeting is not live yet, or it ended);
 * waiting: started, but no site publishes video to show yet;
 * starting: FFmpeg runs, the first segment is not listed yet;
 * live: the playlist has segments;
 * unavailable: it cannot run here (see reason).
 */
export const BROADCAST_STATUSES = ['off', 'waiting', 'starting', 'live', 'unavailable'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Why the broadcast is not live (null when it is). */
export const BROADCAST_REASONS = ['media_disabled', 'media_unreachable', 'ffmpeg_missing', 'ffmpeg_failed', 'meeting_not_live', 'no_source'] as const;
export type BroadcastReason = (typeof BROADCAST_REASONS)[number];

/** The media process's view of one meeting's programme. */
export const broadcastStateSchema = z.object({
  meetingId: z.string(),
  status: z.enum(BROADCAST_STATUSES),
  reason: z.enum(BROADCAST_REASONS).nullable(),
  /** the site on the programme now */
  sourceEndpointId: z.string().nullable(),
  /** the caption burned in (speaker's name, position and site), as given by the api */
  caption: z.string().nullable(),
  /** server time the current FFmpeg run started */
  startedAt: z.string().nullable(),
  /** segments written by this run (the playlist keeps the last few) */
  segments: z.number().int(),
});
export type BroadcastState = z.infer<typeof broadcastStateSchema>;

/** What the api gives a watching page: the state and a playlist URL with a short-lived token scoped to the meeting. */
export const broadcastAccessSchema = z.object({
  state: broadcastStateSchema,
  /** relative to the api origin, token in the query */
  playlistUrl: z.string(),
  /** the token alone (the player appends it to every request) and when it expires */
  token: z.string(),
  expiresAt: z.string(),
});
export type BroadcastAccess = z.infer<typeof broadcastAccessSchema>;

/** index.m3u8, or one of its segments; nothing else under the meeting's directory is served. */
export const BROADCAST_FILE = /^(index\.m3u8|seg-[0-9]{1,12}\.ts)$/;
export const broadcastFileParamsSchema = z.object({ id: z.uuid({ message: 'must be a UUID' }), file: z.string().regex(BROADCAST_FILE, 'must be index.m3u8 or seg-<n>.ts') });
export const broadcastFileQuerySchema = z.object({ token: inputString().max(200).optional() }).strict();

/** The caption texts the api composes (names live in the database, not in the media process). */
export interface BroadcastCaptions {
  /** endpointId -> "Hoàng Văn Thụ · Chủ tịch UBND tỉnh · Lạng Sơn" (the speaker) or the site's name */
  [endpointId: string]: string;
}
