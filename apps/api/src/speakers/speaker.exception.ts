import { DomainException } from '../common/domain.exception';

export enum SpeakerErrorCode {
  RequestNotFound = 'speech_request_not_found',
  ListClosed = 'speaker_list_closed',
  NotLive = 'meeting_not_live',
  TooManyOpen = 'too_many_open_requests',
  TurnCap = 'turn_cap_reached',
  IllegalChange = 'illegal_speech_request_change',
  NotCheckedIn = 'speaker_not_checked_in',
  NoSpeaker = 'no_current_speaker',
  QueueEmpty = 'speaker_queue_empty',
  UnknownAttendee = 'unknown_attendee',
  UnknownAgendaItem = 'unknown_agenda_item',
  NotOrdinary = 'not_an_ordinary_request',
  AlreadyPaused = 'speech_already_paused',
  NotPaused = 'speech_not_paused',
}

export class SpeakerException extends DomainException<SpeakerErrorCode> {
  get status(): number {
    switch (this.code) {
      case SpeakerErrorCode.RequestNotFound:
        return 404;
      case SpeakerErrorCode.UnknownAttendee:
      case SpeakerErrorCode.UnknownAgendaItem:
        return 422;
      case SpeakerErrorCode.ListClosed:
      case SpeakerErrorCode.NotLive:
      case SpeakerErrorCode.TooManyOpen:
      case SpeakerErrorCode.TurnCap:
      case SpeakerErrorCode.IllegalChange:
      case SpeakerErrorCode.NotCheckedIn:
      case SpeakerErrorCode.NoSpeaker:
      case SpeakerErrorCode.QueueEmpty:
      case SpeakerErrorCode.NotOrdinary:
      case SpeakerErrorCode.AlreadyPaused:
      case SpeakerErrorCode.NotPaused:
        return 409;
    }
  }
}
