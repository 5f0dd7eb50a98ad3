import { DomainException } from '../common/domain.exception';

export enum DisplayErrorCode {
  CodeInvalid = 'display_code_invalid',
  CodeExpired = 'display_code_expired',
  NotFound = 'display_not_found',
  AlreadyRevoked = 'display_already_revoked',
}

export class DisplayException extends DomainException<DisplayErrorCode> {
  get status(): number {
    switch (this.code) {
      case DisplayErrorCode.CodeInvalid:
      case DisplayErrorCode.CodeExpired:
        return 422;
      case DisplayErrorCode.NotFound:
        return 404;
      case DisplayErrorCode.AlreadyRevoked:
        return 409;
    }
  }
}
