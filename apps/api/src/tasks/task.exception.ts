import { DomainException } from '../common/domain.exception';

export enum TaskErrorCode {
  NotFound = 'task_not_found',
  IllegalAction = 'task_illegal_action',
  NoExtensionPending = 'task_no_extension_pending',
  ExtensionPending = 'task_extension_pending',
  NotParticipant = 'task_not_participant',
  DeadlinePast = 'deadline_in_the_past',
}

export class TaskException extends DomainException<TaskErrorCode> {
  get status(): number {
    switch (this.code) {
      case TaskErrorCode.NotFound:
        return 404;
      case TaskErrorCode.NotParticipant:
        return 403;
      case TaskErrorCode.IllegalAction:
      case TaskErrorCode.NoExtensionPending:
      case TaskErrorCode.ExtensionPending:
        return 409;
      case TaskErrorCode.DeadlinePast:
        return 422;
    }
  }
}
