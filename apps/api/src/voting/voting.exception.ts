import { DomainException } from '../common/domain.exception';

export enum VotingErrorCode {
  NotFound = 'poll_not_found',
  IllegalTransition = 'poll_illegal_transition',
  NotOpen = 'poll_not_open',
  NotClosed = 'poll_not_closed',
  UnknownOption = 'poll_unknown_option',
  ChoiceCount = 'poll_choice_count',
  NotVotingMember = 'poll_not_voting_member',
  NotCheckedIn = 'poll_not_checked_in',
  CountsAbovePresent = 'poll_counts_above_present',
  CountsIncomplete = 'poll_counts_incomplete',
  SiteAlreadyCounted = 'poll_site_already_counted',
  WrongMode = 'poll_wrong_mode',
  SecretNeedsLink = 'poll_secret_needs_link',
  UnknownSite = 'poll_unknown_site',
  TokenInvalid = 'ballot_token_invalid',
  MeetingNotLive = 'meeting_not_live',
  UnknownAgendaItem = 'unknown_agenda_item',
  AttendeeNotFound = 'attendee_not_found',
}

export class VotingException extends DomainException<VotingErrorCode> {
  get status(): number {
    switch (this.code) {
      case VotingErrorCode.NotFound:
      case VotingErrorCode.AttendeeNotFound:
        return 404;
      case VotingErrorCode.TokenInvalid:
      case VotingErrorCode.NotVotingMember:
        return 403;
      case VotingErrorCode.UnknownOption:
      case VotingErrorCode.ChoiceCount:
      case VotingErrorCode.CountsAbovePresent:
      case VotingErrorCode.CountsIncomplete:
      case VotingErrorCode.UnknownSite:
      case VotingErrorCode.UnknownAgendaItem:
        return 422;
      case VotingErrorCode.IllegalTransition:
      case VotingErrorCode.NotOpen:
      case VotingErrorCode.NotClosed:
      case VotingErrorCode.NotCheckedIn:
      case VotingErrorCode.SiteAlreadyCounted:
      case VotingErrorCode.WrongMode:
      case VotingErrorCode.SecretNeedsLink:
      case VotingErrorCode.MeetingNotLive:
        return 409;
    }
  }
}
