import { DomainException } from '../common/domain.exception';

export enum AuthErrorCode {
  InvalidCredentials = 'invalid_credentials',
  AccountDisabled = 'account_disabled',
  SessionExpired = 'session_expired',
  SessionRevoked = 'session_revoked',
  WrongPassword = 'wrong_password',
  PasswordReused = 'password_reused',
  TooManyAttempts = 'too_many_attempts',
  PasswordChangeRequired = 'password_change_required',
}

export class AuthException extends DomainException<AuthErrorCode> {
  get status(): number {
    switch (this.code) {
      case AuthErrorCode.InvalidCredentials:
      case AuthErrorCode.AccountDisabled:
      case AuthErrorCode.SessionExpired:
      case AuthErrorCode.SessionRevoked:
        return 401;
      case AuthErrorCode.WrongPassword:
      case AuthErrorCode.PasswordReused:
        return 400;
      case AuthErrorCode.TooManyAttempts:
        return 429;
      case AuthErrorCode.PasswordChangeRequired:
        return 403;
    }
  }
}
