import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { ApiError } from '@app/contracts';
import { CommonErrorCode, DomainException } from './domain.exception';

/** Turns any thrown value into the one error body; a 500 names nothing internal. */
export function toApiError(err: unknown, correlationId: string): ApiError {
  if (err instanceof DomainException) {
    return {
      statusCode: err.status,
      code: err.code,
      message: err.message,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details ? { details: err.details } : {}),
      correlationId,
    };
  }
  const bodyParser = err as { type?: string; status?: number; statusCode?: number };
  if (bodyParser?.type === 'entity.parse.failed') {
    return { statusCode: 400, code: CommonErrorCode.InvalidJson, message: 'The request body is not valid JSON', correlationId };
  }
  if (bodyParser?.type === 'entity.too.large') {
    return { statusCode: 413, code: CommonErrorCode.PayloadTooLarge, message: 'The request body is too large', correlationId };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 400 && (err.cause instanceof SyntaxError || /JSON/.test(err.message))) {
      return { statusCode: 400, code: CommonErrorCode.InvalidJson, message: 'The request body is not valid JSON', correlationId };
    }
    if (status === 413) {
      return { statusCode: 413, code: CommonErrorCode.PayloadTooLarge, message: 'The request body is too large', correlationId };
    }
    const code =
      status === 404 ? CommonErrorCode.NotFound : status === 401 ? CommonErrorCode.Unauthenticated : status === 403 ? CommonErrorCode.Forbidden : `http_${status}`;
    const message = status === 404 ? 'Not found' : err.message;
    return { statusCode: status, code, message, correlationId };
  }
  // pg-pool gave up waiting for a free database connection (DATABASE_POOL_ACQUIRE_MS): an overload, not a fault.
  if (err instanceof Error && err.message === 'timeout exceeded when trying to connect') {
    return { statusCode: 503, code: CommonErrorCode.ServerBusy, message: 'The server is busy; try again in a moment', correlationId };
  }
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on the server; quote the correlation id when reporting it', correlationId };
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
      const retry = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retry) res.setHeader('Retry-After', String(retry));
    }
    res.status(body.statusCode).json(body);
  }
}
