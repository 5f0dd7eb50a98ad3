import { Body, Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { listTasksQuerySchema, updateTaskSchema } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @ApiRoute('tasks.list')
  list(@CurrentUser() user: AuthUser, @Query() q: z.output<typeof listTasksQuerySchema>) {
    return this.tasks.list(user, q);
  }

  @ApiRoute('tasks.update')
  update(@CurrentUser() user: AuthUser, @Param('taskId') taskId: string, @Body() body: z.output<typeof updateTaskSchema>) {
    return this.tasks.update(user, taskId, body.status);
  }
}
