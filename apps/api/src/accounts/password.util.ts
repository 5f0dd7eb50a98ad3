import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import pLimit from 'p-limit';

/**
 * argon2id, m = 19 MiB, t = 2, p = 1: the first of OWASP's equivalent argon2id settings (Password
 * Storage Cheat Sheet). Measured on the 2-core CI machine (Node 20, argon2 0.45): one verification
 * 34-53 ms (median 53 ms under the other tests' load), about 44 ms of CPU. The library's defaults
 * (64 MiB, t = 3, p = 4) took 190 ms of wall time and 300 ms of CPU per verification: 3,400 operators
 * signing in at once would have needed 3,400 x 0.3 s / 2 cores = 8.5 minutes of CPU, against about a
 * minute with these. Hashes made with other settings (every hash before this change) still verify,
 * since the settings are stored in the hash, and are re-hashed at the next successful sign-in
 * (`needsRehash`).
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * At most this many argon2 computations at once per process; the rest wait in line. argon2 runs on
 * libuv's thread pool (4 threads), which file reads, DNS and zlib share: unbounded, a sign-in storm
 * takes all four threads and 19 MiB per computation and stalls everything else the process does. One
 * per core keeps the cores busy without oversubscribing them.
 */
let slots = pLimit(Math.max(1, availableParallelism()));
let bound = Math.max(1, availableParallelism());

/** Sets the concurrency bound (PASSWORD_HASH_CONCURRENCY) once at start-up, before any hash runs. */
export function setPasswordHashConcurrency(n: number): void {
  if (n === bound) return;
  bound = n;
  slots = pLimit(n);
}

export const passwordHashLoad = () => ({ bound, running: slots.activeCount, waiting: slots.pendingCount });

export const hashPassword = (password: string) => slots(() => argon2.hash(password, ARGON2_OPTIONS));

/**
 * Checks a password in turn with the other argon2 work of this process. `beforeEvaluating` runs once
 * a slot is free, right before argon2 does: the sign-in limiter spends its attempt there, so that only
 * attempts it let through are ever evaluated, and so that sign-ins waiting in line hold no attempt.
 */
export function verifyPassword(hash: string, password: string, beforeEvaluating?: () => Promise<void>): Promise<boolean> {
  return slots(async () => {
    await beforeEvaluating?.();
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}

/** True when the hash was made with other settings than ARGON2_OPTIONS (or is not an argon2 hash). */
export function needsRehash(hash: string): boolean {
  try {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  } catch {
    return true;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal names. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-0000'));
