import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, type AuthUser } from '../common/auth-user';
import { UuidPipe, ZodPipe } from '../common/zod.pipe';
import { SnapshotService } from './snapshot.service';

const afterQuerySchema = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  /** What a client missed since `after` (or a snapshot), the REST twin of the socket's meeting:subscribe. */
  @Get(':id/events')
  events(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query(new ZodPipe(afterQuerySchema)) q: z.output<typeof afterQuerySchema>) {
    return this.snapshots.sync(user, id, q.after);
  }
}
