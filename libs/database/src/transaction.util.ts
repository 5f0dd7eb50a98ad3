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

/**
 * PostgreSQL is out of reach: refused or reset connections, the server shutting down or restarting
 * (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), out of connection slots (53300),
 * connection exceptions (class 08), and node-postgres' own "Connection terminated" when the socket drops.
 * None of these says anything about the request: the same request can succeed a few seconds later.
 */
const UNAVAILABLE_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /^(Connection terminated|Client has encountered a connection error|Connection ended|terminating connection)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code && (UNAVAILABLE_PG_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_NET_CODES.has(code))) return true;
  const e = err as { message?: unknown; driverError?: { message?: unknown } } | null;
  const message = typeof e?.driverError?.message === 'string' ? e.driverError.message : e?.message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message);
}

/** A constraint of the stored data refused the values (class 23), or a value cannot be stored (class 22). */
export type ConstraintKind = 'unique' | 'foreign_key' | 'rule' | 'data';
export function constraintKind(err: unknown): ConstraintKind | undefined {
  const code = pgErrorCode(err);
  if (!code || code.length !== 5) return undefined;
  if (code === PG_UNIQUE_VIOLATION || code === '23P01') return 'unique';
  if (code === PG_FOREIGN_KEY_VIOLATION) return 'foreign_key';
  if (code.startsWith('23')) return 'rule';
  if (code.startsWith('22')) return 'data';
  return undefined;
}
