import { z } from 'zod';
import { matching } from './errors';
import { inputString, type Assert, type Aligned } from './common';

/**
 * An endpoint's join code, as an operator types it after signing in: 8 letters and digits, spaces and
 * dashes allowed (it is read out over the phone in groups), any case.
 */
export const joinByCodeRequestSchema = z
  .object({
    code: matching(
      inputString().transform((s) => s.replace(/[\s-]/g, '').toUpperCase()),
      /^[A-Z0-9]{8}$/,
      'join_code_format',
      'must be the 8 letters and digits of a join code',
    ),
  })
  .strict();
export type JoinByCodeRequest = z.input<typeof joinByCodeRequestSchema>;

/** Where the code leads: the console of that endpoint in that meeting. */
export interface JoinByCodeResult {
  meetingId: string;
  meetingTitle: string;
  endpointId: string;
  endpointName: string;
}
export const joinByCodeResultSchema = z.object({ meetingId: z.string(), meetingTitle: z.string(), endpointId: z.string(), endpointName: z.string() });

export type _JoinCodeSchemasAligned = [Assert<Aligned<z.output<typeof joinByCodeResultSchema>, JoinByCodeResult>>];
