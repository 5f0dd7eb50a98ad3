import { Logger } from '@nestjs/common';
import type { ZodType, z } from 'zod';
import type { Ack, ApiError } from '@app/contracts';
import { toApiError } from '../common/exception.filter';
import { parseOrThrow } from '../common/zod.pipe';

const logger = new Logger('SocketCommand');

/**
 * Runs one socket command: validates the payload with its contract schema,
 * calls the service, and answers through the ack with data or the same error
 * body REST uses. Nothing thrown escapes to the socket.
 */
export async function runCommand<S extends ZodType, T>(
  socketId: string,
  schema: S,
  payload: unknown,
  fn: (input: z.output<S>) => Promise<T> | T,
): Promise<Ack<T>> {
  try {
    return { ok: true, data: await fn(parseOrThrow(schema, payload)) };
  } catch (err) {
    return commandFailure(socketId, err);
  }
}

/** The ack of a command that failed or was refused: the one error body, with a correlation id; a 500 is logged. */
export function commandFailure(socketId: string, err: unknown): { ok: false; error: ApiError } {
  const error = toApiError(err, `ws-${socketId}-${Date.now().toString(36)}`);
  if (error.statusCode >= 500) logger.error({ err, correlationId: error.correlationId }, 'socket command failed');
  return { ok: false, error };
}
