import type { ErrorCode, ErrorParams, FieldError } from '@app/contracts';

/**
 * The arguments of one code: its params are required unless the code has none,
 * so `new MeetingException(MeetingErrorCode.NotFound, 'Meeting not found')`
 * without `{ meetingId }` does not compile. Distributes over the enum, so each
 * code is checked against its own params.
 */
export type DomainExceptionArgs<C extends ErrorCode> = C extends ErrorCode
  ? Record<string, never> extends ErrorParams[C]
    ? [code: C, message: string, params?: ErrorParams[C], fields?: FieldError[]]
    : [code: C, message: string, params: ErrorParams[C], fields?: FieldError[]]
  : never;

/**
 * Base of every domain's exception: a stable code the client can act on (one
 * declared with its params in libs/contracts ErrorParams, or the enum does not
 * compile here), the HTTP status it maps to, and a developer message. People
 * see the web's translation of the code and params. Each domain subclasses it
 * with its own code enum and an exhaustive status switch.
 */
export abstract class DomainException<TCode extends ErrorCode = ErrorCode> extends Error {
  readonly code: TCode;
  readonly params: ErrorParams[TCode];
  readonly fields?: FieldError[];
  constructor(...[code, message, params, fields]: DomainExceptionArgs<TCode>) {
    super(message);
    this.name = new.target.name;
    this.code = code as TCode;
    this.params = (params ?? {}) as ErrorParams[TCode];
    this.fields = fields;
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
  UnknownCommand = 'unknown_command',
  PayloadTooDeep = 'payload_too_deep',
  ServerBusy = 'server_busy',
}

export class CommonException extends DomainException<CommonErrorCode> {
  get status(): number {
    switch (this.code) {
      case CommonErrorCode.ValidationFailed:
      case CommonErrorCode.InvalidJson:
      case CommonErrorCode.PayloadTooDeep:
        return 400;
      case CommonErrorCode.Unauthenticated:
        return 401;
      case CommonErrorCode.Forbidden:
        return 403;
      case CommonErrorCode.NotFound:
      // like a REST path no route serves
      case CommonErrorCode.UnknownCommand:
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
    return new CommonException(CommonErrorCode.ValidationFailed, `Invalid request: ${summary}`, {}, fields);
  }
  static forbidden(message = 'You are not allowed to do this'): CommonException {
    return new CommonException(CommonErrorCode.Forbidden, message);
  }
  static unauthenticated(message = 'Sign in first'): CommonException {
    return new CommonException(CommonErrorCode.Unauthenticated, message);
  }
}
