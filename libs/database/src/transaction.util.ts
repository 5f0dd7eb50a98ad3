import type { QueryFailedError } from 'typeorm';

/** PostgreSQL error codes the services turn into 4xx answers. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

export function pgErrorCode(err: unknown): string | undefined {
  const e = err as QueryFailedError & { code?: string; driverError?: { code?: string } };
  return e?.driverError?.code ?? e?.code;
}

export function pgConstraint(err: unknown): string | undefined {
  const e = err as { driverError?: { constraint?: string }; constraint?: string };
  return e?.driverError?.constraint ?? e?.constraint;
}
