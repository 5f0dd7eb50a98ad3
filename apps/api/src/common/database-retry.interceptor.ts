import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { retry, throwError, timer, type Observable } from 'rxjs';
import { isDatabaseUnavailable } from '@app/database';

/** Reads change nothing, so running one again cannot apply anything twice. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * Long enough for pg-pool to drop the dead client and open a fresh one, short against a person's patience;
 * a restarting PostgreSQL that is still down after it gets the 503 with Retry-After.
 */
export const DATABASE_RETRY_DELAY_MS = 200;

/**
 * A read whose database connection dropped under it (PostgreSQL restarted, a backend was terminated, a proxy
 * reset the socket) runs once more on a fresh connection before the caller hears about it. Writes are not
 * retried here: whether the first attempt committed is unknown, and the caller's retry (after the 503) goes
 * through the version checks and keys that make a repeated command safe.
 */
@Injectable()
export class DatabaseRetryInterceptor implements NestInterceptor {
  private readonly logger = new Logger(DatabaseRetryInterceptor.name);

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (!IDEMPOTENT_METHODS.has(req.method)) return next.handle();
    return next.handle().pipe(
      retry({
        count: 1,
        delay: (err: unknown) => {
          if (!isDatabaseUnavailable(err) || res.headersSent) return throwError(() => err);
          this.logger.warn({ method: req.method, url: req.originalUrl }, 'database connection lost during a read; trying it once more');
          return timer(DATABASE_RETRY_DELAY_MS);
        },
      }),
    );
  }
}
