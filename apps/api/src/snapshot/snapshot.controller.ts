import { Controller, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { RouteQuery } from '@app/contracts';
import { ApiRoute } from '../common/api-route';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { SnapshotService } from './snapshot.service';


@ApiTags('meetings')
@ApiBearerAuth()
@Controller()
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  /** What a client missed since `after` (or a snapshot), the REST twin of the socket's meeting:subscribe. */
  @ApiRoute('meetings.events')
  events(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() q: RouteQuery<'meetings.events'>) {
    return this.snapshots.sync(user, id, q.after, q.limit);
  }
}
