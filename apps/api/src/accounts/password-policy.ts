import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { fieldError } from '@app/contracts';
import { foldForSearch } from '@app/vietnamese';
import { AccountErrorCode, AccountException } from './account.exception';

/**
 * Words a Vietnamese office would build a guessable password from, folded: zxcvbn's common
 * dictionaries are English, and "matkhau123" ("password123") would otherwise score as fair.
 */
const VIETNAMESE_COMMON = ['matkhau', 'mat khau', 'quantri', 'quan tri', 'vietnam', 'hanoi', 'saigon', 'chinhphu', 'hoptructuyen', 'diemcau', 'admin', 'anhyeuem', 'emyeuanh'];

/** Loaded once (about 80 ms); a check takes 1-20 ms on the CI machine. */
let factory: ZxcvbnFactory | undefined;
const zxcvbn = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, vietnamese: VIETNAMESE_COMMON },
    graphs: common.adjacencyGraphs,
  }));

/**
 * zxcvbn's score 3 ("safely unguessable": more than 10^8 guesses) or better. The length rule
 * (PASSWORD_MIN_LENGTH) is the schema's; this refuses what is long enough but common or built
 * from the account's own name ("Nguyễn Văn An 2026" for Nguyễn Văn An).
 */
export const MIN_PASSWORD_SCORE = 3;

export function passwordStrength(password: string, personal: (string | null | undefined)[] = []): number {
  const inputs = personal.filter((x): x is string => !!x).flatMap((x) => [x, foldForSearch(x), foldForSearch(x).replace(/\s+/g, '')]);
  // scored on the folded form too: accents do not make "Mật khẩu 123" a stronger "mat khau 123"
  return Math.min(zxcvbn().check(password, inputs).score, zxcvbn().check(foldForSearch(password), inputs).score);
}

/** Throws password_too_weak (400) with the field error beside `field`. */
export function assertStrongPassword(password: string, field: string, personal: (string | null | undefined)[] = []): void {
  if (passwordStrength(password, personal) >= MIN_PASSWORD_SCORE) return;
  throw new AccountException(AccountErrorCode.PasswordTooWeak, 'The password is too common or easy to guess', {}, [
    fieldError(field, 'too_weak', 'is too common or easy to guess'),
  ]);
}
