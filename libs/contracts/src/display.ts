import { z } from 'zod';
import { inputString, nameText } from './common';

/**
 * Hall displays (issue 16): a projector or TV at the host hall or an endpoint shows the
 * meeting read-only, without anyone's account. The display asks for a pairing and shows
 * its short code; an organizer (or the endpoint's operator) enters the code on the meeting
 * page; the display's pairing secret then becomes its meeting-scoped, revocable token.
 */

/** 31 characters without the ambiguous ones (0/O, 1/I/L): 31^6 ≈ 887 million codes. */
export const DISPLAY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const DISPLAY_CODE_LENGTH = 6;
/** how long a pairing code can be entered */
export const DISPLAY_PAIRING_TTL_MS = 10 * 60_000;

export const DISPLAY_KINDS = ['host', 'endpoint'] as const;
export type DisplayKind = (typeof DISPLAY_KINDS)[number];

/** The secret a display keeps (256 bits, base64url): it polls its pairing with it, then connects with it. */
const displaySecret = inputString().regex(/^[A-Za-z0-9_-]{43}$/, 'must be the display’s secret');

/** A code as people type it: case, spaces and dashes do not matter. */
export const displayCodeSchema = inputString()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().length(DISPLAY_CODE_LENGTH).regex(new RegExp(`^[${DISPLAY_CODE_ALPHABET}]+$`), 'must be the code shown on the display'));

export const displayPairingSchema = z.object({
  code: z.string(),
  secret: z.string(),
  /** server time the code stops working (ISO 8601) */
  expiresAt: z.string(),
});
export type DisplayPairing = z.infer<typeof displayPairingSchema>;

export const displayStatusRequestSchema = z.object({ secret: displaySecret }).strict();

export const DISPLAY_STATUSES = ['pending', 'expired', 'paired', 'revoked', 'unknown'] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

/** What the display itself learns once paired (no ids of people). */
export const displaySelfSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  name: z.string(),
  kind: z.enum(DISPLAY_KINDS),
  endpointId: z.string().nullable(),
});
export type DisplaySelf = z.infer<typeof displaySelfSchema>;

export const displayStatusSchema = z.object({
  status: z.enum(DISPLAY_STATUSES),
  /** pending: the code still shown */
  code: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** paired (and revoked): which display this is */
  display: displaySelfSchema.nullable(),
});
export type DisplayStatusResult = z.infer<typeof displayStatusSchema>;

export const pairDisplayRequestSchema = z
  .object({
    code: displayCodeSchema,
    /** "Màn hình hội trường tầng 3" */
    name: nameText(120),
    /** the endpoint whose hall the screen is in; absent: the host hall (organizers only) */
    endpointId: z.uuid().optional(),
  })
  .strict();
export type PairDisplayRequest = z.input<typeof pairDisplayRequestSchema>;

const personRef = z.object({ id: z.string(), fullName: z.string() });

/** A paired display as the meeting page lists it. */
export const displayViewSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  name: z.string(),
  kind: z.enum(DISPLAY_KINDS),
  endpointId: z.string().nullable(),
  pairedBy: personRef,
  pairedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: personRef.nullable(),
});
export type DisplayView = z.infer<typeof displayViewSchema>;
