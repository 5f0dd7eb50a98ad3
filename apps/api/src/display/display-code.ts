import { randomBytes, randomInt } from 'node:crypto';
import { createHash } from 'node:crypto';
import { DISPLAY_CODE_ALPHABET, DISPLAY_CODE_LENGTH } from '@app/contracts';

/** A pairing code read off the screen: uniform over the alphabet (randomInt has no modulo bias). */
export function newDisplayCode(): string {
  let code = '';
  for (let i = 0; i < DISPLAY_CODE_LENGTH; i++) code += DISPLAY_CODE_ALPHABET[randomInt(DISPLAY_CODE_ALPHABET.length)];
  return code;
}

/** The display's secret: 32 random bytes, base64url (43 characters). */
export const newDisplaySecret = (): string => randomBytes(32).toString('base64url');

/** Only this is stored: a leaked table does not let anyone connect as a display. */
export const secretHash = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

/** The Socket.IO room of one display's connections (a revocation closes it on every api process). */
export const displayRoom = (displayId: string) => `display:${displayId}`;
