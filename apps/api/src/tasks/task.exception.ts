import { DomainException } from '../common/domain.exception';

export enum TaskErrorCode {
  NotFound = 'task_not_found',
}

export class TaskException extends DomainException<TaskErrorCode> {
  get status(): number {
    switch (this.code) {
      case TaskErrorCode.NotFound:
        return 404;
    }
  }
}
