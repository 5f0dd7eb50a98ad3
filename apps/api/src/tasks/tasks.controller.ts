import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { listTasksQuerySchema, updateTaskSchema } from '@app/contracts';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { ApiZodBody, ApiZodQuery } from '../common/openapi';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiZodQuery(listTasksQuerySchema)
  list(@CurrentUser() user: AuthUser, @Query(new ZodPipe(listTasksQuerySchema)) q: z.output<typeof listTasksQuerySchema>) {
    return this.tasks.list(user, q);
  }

  @Patch(':taskId')
  @ApiZodBody(updateTaskSchema)
  update(@CurrentUser() user: AuthUser, @Param('taskId', UuidPipe) taskId: string, @Body(new ZodPipe(updateTaskSchema)) body: z.output<typeof updateTaskSchema>) {
    return this.tasks.update(user, taskId, body.status);
  }
}
