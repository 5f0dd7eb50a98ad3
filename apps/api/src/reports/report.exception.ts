import { DomainException } from '../common/domain.exception';

export enum ReportErrorCode {
  MeetingNotEnded = 'meeting_not_ended',
  NotReady = 'report_not_ready',
  NotFound = 'report_not_found',
  FormatUnavailable = 'report_format_unavailable',
  NotFailed = 'report_not_failed',
}

export class ReportException extends DomainException<ReportErrorCode> {
  get status(): number {
    switch (this.code) {
      case ReportErrorCode.NotFound:
        return 404;
      case ReportErrorCode.MeetingNotEnded:
      case ReportErrorCode.NotReady:
      case ReportErrorCode.FormatUnavailable:
      case ReportErrorCode.NotFailed:
        return 409;
    }
  }
}
