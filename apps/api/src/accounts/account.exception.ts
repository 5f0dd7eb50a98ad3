import { DomainException } from '../common/domain.exception';

export enum AccountErrorCode {
  NotFound = 'account_not_found',
  UsernameTaken = 'account_username_taken',
  OrganizationNotFound = 'account_organization_not_found',
  LastAdmin = 'account_last_admin',
  PasswordTooWeak = 'password_too_weak',
}

export class AccountException extends DomainException<AccountErrorCode> {
  get status(): number {
    switch (this.code) {
      case AccountErrorCode.NotFound:
        return 404;
      case AccountErrorCode.PasswordTooWeak:
        return 400;
      case AccountErrorCode.OrganizationNotFound:
        return 422;
      case AccountErrorCode.UsernameTaken:
      case AccountErrorCode.LastAdmin:
        return 409;
    }
  }
}
