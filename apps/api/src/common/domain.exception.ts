import type { FieldError } from '@app/contracts';

/**
 * Base of every domain's exception: a stable code the client can act on, the
 * HTTP status it maps to, and a message safe to show. Each domain subclasses it
 * with its own code enum and an exhaustive status switch.
 */
export abstract class DomainException<TCode extends string = string> extends Error {
  constructor(
    readonly code: TCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
  abstract get status(): number;
}

export enum CommonErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidJson = 'invalid_json',
  PayloadTooLarge = 'payload_too_large',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  RateLimited = 'rate_limited',
  ServerBusy = 'server_busy',
}

export class CommonException extends DomainException<CommonErrorCode> {
  get status(): number {
    switch (this.code) {
      case CommonErrorCode.ValidationFailed:
      case CommonErrorCode.InvalidJson:
        return 400;
      case CommonErrorCode.Unauthenticated:
        return 401;
      case CommonErrorCode.Forbidden:
        return 403;
      case CommonErrorCode.NotFound:
        return 404;
      case CommonErrorCode.PayloadTooLarge:
        return 413;
      case CommonErrorCode.RateLimited:
        return 429;
      case CommonErrorCode.ServerBusy:
        return 503;
    }
  }

  static validation(fields: FieldError[]): CommonException {
    const summary = fields
      .slice(0, 3)
      .map((f) => `${f.field}: ${f.reason}`)
      .join('; ');
    return new CommonException(CommonErrorCode.ValidationFailed, `Invalid request: ${summary}`, undefined, fields);
  }
  static forbidden(message = 'You are not allowed to do this'): CommonException {
    return new CommonException(CommonErrorCode.Forbidden, message);
  }
  static unauthenticated(message = 'Sign in first'): CommonException {
    return new CommonException(CommonErrorCode.Unauthenticated, message);
  }
}
