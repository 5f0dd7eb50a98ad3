import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { ApiError, ErrorCode, ErrorParams, FieldError } from '@app/contracts';
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

/** Turns any thrown value into the one error body; a 500 names nothing internal. */
export function toApiError(err: unknown, correlationId: string): ApiError {
  if (err instanceof DomainException) {
    return errorBody(err.status, err.code, err.message, err.params, correlationId, err.fields);
  }
  const bodyParser = err as { type?: string; status?: number; statusCode?: number };
  if (bodyParser?.type === 'entity.parse.failed') {
    return errorBody(400, CommonErrorCode.InvalidJson, 'The request body is not valid JSON', {}, correlationId);
  }
  if (bodyParser?.type === 'entity.too.large') {
    return errorBody(413, CommonErrorCode.PayloadTooLarge, 'The request body is too large', {}, correlationId);
  }
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
  return errorBody(500, 'internal_error', 'Something went wrong on the server; quote the correlation id when reporting it', {}, correlationId);
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
    if (body.statusCode === 429) {
      const retry = (body.params as { retryAfterSeconds?: number }).retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(body.statusCode).json(body);
  }
}
