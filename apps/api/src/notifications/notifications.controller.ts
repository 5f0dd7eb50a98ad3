import { Body, Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import type { listNotificationsQuerySchema, markNotificationsReadSchema, NotificationPreferences } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @ApiRoute('notifications.list')
  list(@CurrentUser() user: AuthUser, @Query() q: z.output<typeof listNotificationsQuerySchema>) {
    return this.notifications.list(user, q);
  }

  @ApiRoute('notifications.markRead')
  markRead(@CurrentUser() user: AuthUser, @Body() body: z.output<typeof markNotificationsReadSchema>) {
    return this.notifications.markRead(user, body);
  }

  @ApiRoute('notifications.preferences')
  preferences(@CurrentUser() user: AuthUser) {
    return this.notifications.preferences(user);
  }

  @ApiRoute('notifications.setPreferences')
  setPreferences(@CurrentUser() user: AuthUser, @Body() body: NotificationPreferences) {
    return this.notifications.setPreferences(user, body);
  }
}
