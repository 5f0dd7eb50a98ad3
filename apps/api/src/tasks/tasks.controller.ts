import { Body, Controller, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { z } from 'zod';
import { exportTasksQuerySchema, listTasksQuerySchema, type TaskActionRequest } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { sendDownload } from '../common/download';
import { taskRegisterXlsx } from './task-export';
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

  // the literal paths before /api/tasks/:taskId
  @ApiRoute('tasks.exportXlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Query() q: z.output<typeof exportTasksQuerySchema>, @Res() res: Response) {
    sendDownload(res, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'Theo dõi nhiệm vụ', ext: 'xlsx', body: await taskRegisterXlsx(await this.tasks.exportRows(user, q)) });
  }

  @ApiRoute('tasks.dashboard')
  dashboard(@CurrentUser() user: AuthUser) {
    return this.tasks.dashboard(user);
  }

  @ApiRoute('tasks.get')
  get(@CurrentUser() user: AuthUser, @Param('taskId') taskId: string) {
    return this.tasks.get(user, taskId);
  }

  @ApiRoute('tasks.act')
  act(@CurrentUser() user: AuthUser, @Param('taskId') taskId: string, @Body() body: TaskActionRequest) {
    return this.tasks.act(user, taskId, body);
  }
}
