import { DomainException } from '../common/domain.exception';

export enum MeetingErrorCode {
  NotFound = 'meeting_not_found',
  IllegalTransition = 'meeting_illegal_transition',
  NotEditable = 'meeting_not_editable',
  Stale = 'meeting_stale',
  AgendaStale = 'agenda_stale',
  Conflict = 'scheduling_conflict',
  UnknownOrganization = 'unknown_organization',
  UnknownAccount = 'unknown_account',
  EndpointNotFound = 'endpoint_not_found',
  DuplicateEndpoint = 'duplicate_endpoint',
  HostExists = 'host_endpoint_exists',
  InvalidAgenda = 'invalid_agenda',
  StartInPast = 'start_in_past',
  JoinCodeNotFound = 'join_code_not_found',
}

export class MeetingException extends DomainException<MeetingErrorCode> {
  get status(): number {
    switch (this.code) {
      case MeetingErrorCode.NotFound:
      case MeetingErrorCode.EndpointNotFound:
      case MeetingErrorCode.JoinCodeNotFound:
        return 404;
      case MeetingErrorCode.IllegalTransition:
      case MeetingErrorCode.NotEditable:
      case MeetingErrorCode.Stale:
      case MeetingErrorCode.AgendaStale:
      case MeetingErrorCode.Conflict:
      case MeetingErrorCode.DuplicateEndpoint:
      case MeetingErrorCode.HostExists:
        return 409;
      case MeetingErrorCode.UnknownOrganization:
      case MeetingErrorCode.UnknownAccount:
      case MeetingErrorCode.InvalidAgenda:
      case MeetingErrorCode.StartInPast:
        return 422;
    }
  }
}
