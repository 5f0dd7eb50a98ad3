import { DomainException } from '../common/domain.exception';

export enum NoticeErrorCode {
  NotFound = 'notice_not_found',
  NotReady = 'notice_not_ready',
  AlreadyIssued = 'notice_already_issued',
  FormatUnavailable = 'notice_format_unavailable',
}

export class NoticeException extends DomainException<NoticeErrorCode> {
  get status(): number {
    return this.code === NoticeErrorCode.NotFound ? 404 : 409;
  }
}
