import { DomainException } from '../common/domain.exception';

export enum AttendanceErrorCode {
  AttendeeNotFound = 'attendee_not_found',
  Stale = 'attendee_stale',
  RosterClosed = 'roster_closed',
  InvalidRoster = 'invalid_roster',
  NotOperator = 'not_endpoint_operator',
  TechCheckClosed = 'tech_check_closed',
  NoRollCall = 'no_open_roll_call',
  RollCallOpen = 'roll_call_already_open',
  IllegalAttendanceChange = 'illegal_attendance_change',
}

export class AttendanceException extends DomainException<AttendanceErrorCode> {
  get status(): number {
    switch (this.code) {
      case AttendanceErrorCode.AttendeeNotFound:
        return 404;
      case AttendanceErrorCode.NotOperator:
        return 403;
      case AttendanceErrorCode.InvalidRoster:
        return 400;
      case AttendanceErrorCode.Stale:
      case AttendanceErrorCode.RosterClosed:
      case AttendanceErrorCode.TechCheckClosed:
      case AttendanceErrorCode.NoRollCall:
      case AttendanceErrorCode.RollCallOpen:
      case AttendanceErrorCode.IllegalAttendanceChange:
        return 409;
    }
  }
}
