import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { ApiError, ErrorCode, ErrorParams, FieldError } from '@app/contracts';
import { constraintKind, isDatabaseUnavailable } from '@app/database';
import { CommonErrorCode, DomainException } from './domain.exception';

/** The body of one code with its params; `details` repeats non-empty params for clients of the last release. */
function errorBody<C extends ErrorCode>(statusCode: number, code: C, message: string, params: ErrorParams[C], correlationId: string, fields?: FieldError[]): ApiError {
  return {
    statusCode,
    code,
    message,
    params,
    ...(fields ? { fields } : {}),
    ...(Object.keys(params).length ? { details: params as Record<string, unknown> } : {}),
    correlationId,
  } as ApiError;
}

/** Seconds a client waits before trying again while PostgreSQL is out of reach: a restart takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** What body-parser and raw-body attach to the errors they raise (http-errors): a status and a type. */
interface BodyReadError {
  type?: string;
  status?: number;
  expose?: boolean;
  charset?: string;
  encoding?: string;
}

/** The 4xx body of an error the body parser raised before any route ran (so also before sign-in), or null. */
function bodyReadError(err: unknown, correlationId: string): ApiError | null {
  // NestJS 12's Express adapter wraps http-errors (body-parser's among them) in an HttpException with the original
  // as its cause; NestJS 11 passed them through raw. Read the body parser's own error either way, but unwrap only
  // what the body parser raised (a typed error, or a broken compressed stream), not e.g. a static file's 404.
  const cause = err instanceof HttpException ? (err.cause as (BodyReadError & { code?: unknown }) | undefined) : undefined;
  const fromParser = !!cause && typeof cause === 'object' && (typeof cause.type === 'string' || (typeof cause.code === 'string' && cause.code.startsWith('Z_')));
  const raw = fromParser ? cause : err;
  if (!raw || typeof raw !== 'object' || raw instanceof HttpException) return null;
  const e = raw as BodyReadError;
  switch (e.type) {
    case 'entity.parse.failed':
      return errorBody(400, CommonErrorCode.InvalidJson, 'The request body is not valid JSON', {}, correlationId);
    case 'entity.too.large':
      return errorBody(413, CommonErrorCode.PayloadTooLarge, 'The request body is too large', {}, correlationId);
    case 'charset.unsupported':
      return errorBody(415, 'unsupported_charset', 'The body’s charset is not supported; send UTF-8', { charset: String(e.charset ?? '').slice(0, 40) }, correlationId);
    case 'encoding.unsupported':
      return errorBody(415, 'unsupported_content_encoding', 'The body’s Content-Encoding is not supported (identity, gzip, deflate, br)', { encoding: String(e.encoding ?? '').slice(0, 40) }, correlationId);
  }
  // anything else raw-body gives up on: a broken gzip stream, a length that does not match, an aborted upload
  if (e.expose === true && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return errorBody(400, 'unreadable_body', 'The request body could not be read', {}, correlationId);
  }
  return null;
}

/** A constraint of the stored data that a service did not turn into its own code first: still the caller's request, not a fault. */
function constraintError(err: unknown, correlationId: string): ApiError | null {
  switch (constraintKind(err)) {
    case 'unique':
      return errorBody(409, 'duplicate_record', 'This record exists already', {}, correlationId);
    case 'foreign_key':
      return errorBody(422, 'unknown_reference', 'The request names a record that does not exist', {}, correlationId);
    case 'rule':
    case 'data':
      return errorBody(422, 'constraint_violated', 'A rule of the stored data refused these values', {}, correlationId);
    case undefined:
      return null;
  }
}

/** Turns any thrown value into the one error body; a 500 names nothing internal. */
export function toApiError(err: unknown, correlationId: string): ApiError {
  if (err instanceof DomainException) {
    return errorBody(err.status, err.code, err.message, err.params, correlationId, err.fields);
  }
  const parser = bodyReadError(err, correlationId);
  if (parser) return parser;
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 400 && (err.cause instanceof SyntaxError || /JSON/.test(err.message))) {
      return errorBody(400, CommonErrorCode.InvalidJson, 'The request body is not valid JSON', {}, correlationId);
    }
    if (status === 413) {
      return errorBody(413, CommonErrorCode.PayloadTooLarge, 'The request body is too large', {}, correlationId);
    }
    if (status === 404) return errorBody(404, CommonErrorCode.NotFound, 'Not found', {}, correlationId);
    if (status === 401) return errorBody(401, CommonErrorCode.Unauthenticated, err.message, {}, correlationId);
    if (status === 403) return errorBody(403, CommonErrorCode.Forbidden, err.message, {}, correlationId);
    const fallback: ApiError = { statusCode: status, code: `http_${status}`, message: err.message, params: {}, correlationId };
    return fallback;
  }
  // pg-pool gave up waiting for a free database connection (DATABASE_POOL_ACQUIRE_MS): an overload, not a fault.
  if (err instanceof Error && err.message === 'timeout exceeded when trying to connect') {
    return errorBody(503, CommonErrorCode.ServerBusy, 'The server is busy; try again in a moment', {}, correlationId);
  }
  if (isDatabaseUnavailable(err)) {
    return errorBody(503, 'database_unavailable', 'The database is unreachable or restarting; try again shortly', { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS }, correlationId);
  }
  const constraint = constraintError(err, correlationId);
  if (constraint) return constraint;
  return errorBody(500, 'internal_error', 'Something went wrong on the server; quote the correlation id when reporting it', {}, correlationId);
}

/** The Retry-After of an answer: the seconds it names (429, 503), and a short wait for any other 503. */
export function retryAfterOf(body: ApiError): number | undefined {
  if (body.statusCode !== 429 && body.statusCode !== 503) return undefined;
  const named = (body.params as { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof named === 'number' && named > 0) return named;
  return body.statusCode === 503 ? DATABASE_RETRY_AFTER_SECONDS : undefined;
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(err: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw err;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    let correlationId = String(req.id ?? res.getHeader('x-request-id') ?? '');
    if (!correlationId) {
      correlationId = randomUUID();
      res.setHeader('x-request-id', correlationId);
    }
    const body = toApiError(err, correlationId);
    if (body.statusCode >= 500) this.logger.error({ err, correlationId }, 'unhandled error');
    const retry = retryAfterOf(body);
    if (retry) res.setHeader('Retry-After', String(retry));
    res.status(body.statusCode).json(body);
  }
}
