import { DomainException } from '../common/domain.exception';

export enum SitesErrorCode {
  AboveCapacity = 'headcount_above_capacity',
  KeepsRoster = 'endpoint_keeps_roster',
}

export class SitesException extends DomainException<SitesErrorCode> {
  get status(): number {
    switch (this.code) {
      case SitesErrorCode.AboveCapacity:
        return 422;
      case SitesErrorCode.KeepsRoster:
        return 409;
    }
  }
}
