import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BroadcastCaptions, MeetingEndpoint, SpeakerTurn } from '@app/contracts';

/*
 * The watch token: `<expiry seconds>.<HMAC-SHA256(meetingId.expiry)>`,
 * base64url. Scoped to one meeting (another meeting's token fails the MAC),
 * short-lived, stateless: any api process with the same secret checks it,
 * and nginx delegates the check to /api/broadcast/authorize. It travels in
 * the query because hls.js (and Safari) fetch the segments themselves.
 */

const mac = (secret: string, meetingId: string, exp: number) => createHmac('sha256', secret).update(`${meetingId}.${exp}`).digest('base64url');

export function signWatchToken(secret: string, meetingId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${exp}.${mac(secret, meetingId, exp)}`;
}

/** Why a token does not open this meeting's stream, or null when it does. */
export function watchTokenProblem(secret: string, meetingId: string, token: string | undefined, now = Date.now()): 'missing' | 'malformed' | 'expired' | 'wrong_meeting' | null {
  if (!token) return 'missing';
  const m = /^([0-9]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return 'malformed';
  const exp = Number(m[1]);
  const given = Buffer.from(m[2]);
  const wanted = Buffer.from(mac(secret, meetingId, exp));
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'wrong_meeting';
  if (exp * 1000 < now) return 'expired';
  return null;
}

/** The playlist as served to one player: every segment URI carries its token (Safari's native player has no hook to add it). */
export function withToken(playlist: string, token: string): string {
  return playlist
    .split('\n')
    .map((line) => (line && !line.startsWith('#') ? `${line.split('?')[0]}?token=${encodeURIComponent(token)}` : line))
    .join('\n');
}

/** The burned-in captions: the speaker's name and site while a speech runs, every other site by its name. */
export function programmeCaptions(endpoints: Pick<MeetingEndpoint, 'id' | 'organizationName' | 'organizationShortName' | 'isHost'>[], speaking: Pick<SpeakerTurn, 'endpointId' | 'attendeeName'> | null): BroadcastCaptions {
  const captions: BroadcastCaptions = {};
  for (const e of endpoints) {
    // a short name that is a name ("Lạng Sơn") reads well on screen; an acronym ("BNG") does not
    const site = e.organizationShortName && /\p{Ll}/u.test(e.organizationShortName) ? e.organizationShortName : e.organizationName;
    captions[e.id] = speaking?.endpointId === e.id ? `${speaking.attendeeName} — ${site}` : site;
  }
  return captions;
}
