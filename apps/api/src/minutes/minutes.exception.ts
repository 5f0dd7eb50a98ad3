import { DomainException } from '../common/domain.exception';

export enum MinutesErrorCode {
  EntryNotFound = 'minutes_entry_not_found',
  Stale = 'minutes_entry_stale',
  NotEditable = 'minutes_not_editable',
  InReview = 'minutes_in_review',
  CorrectionRequired = 'minutes_correction_required',
  NotPublished = 'minutes_not_published',
  AtEdge = 'minutes_entry_at_edge',
  IllegalTransition = 'minutes_illegal_transition',
  NotSecretary = 'not_meeting_secretary',
  UnknownOrganization = 'unknown_organization',
  DeadlinePast = 'deadline_in_the_past',
  NoTurn = 'no_finished_turn',
  RevisionNotFound = 'minutes_revision_not_found',
  MeetingNotEnded = 'meeting_not_ended',
  UnknownAgendaItem = 'unknown_agenda_item',
}

export class MinutesException extends DomainException<MinutesErrorCode> {
  get status(): number {
    switch (this.code) {
      case MinutesErrorCode.EntryNotFound:
      case MinutesErrorCode.RevisionNotFound:
        return 404;
      case MinutesErrorCode.NotSecretary:
        return 403;
      case MinutesErrorCode.UnknownOrganization:
      case MinutesErrorCode.DeadlinePast:
      case MinutesErrorCode.UnknownAgendaItem:
        return 422;
      case MinutesErrorCode.Stale:
      case MinutesErrorCode.NotEditable:
      case MinutesErrorCode.InReview:
      case MinutesErrorCode.CorrectionRequired:
      case MinutesErrorCode.NotPublished:
      case MinutesErrorCode.AtEdge:
      case MinutesErrorCode.IllegalTransition:
      case MinutesErrorCode.NoTurn:
      case MinutesErrorCode.MeetingNotEnded:
        return 409;
    }
  }
}
