import { Module } from '@nestjs/common';
import { PolicyModule } from '../policy/policy.module';
import { SnapshotModule } from '../snapshot/snapshot.module';
import { DisplayController } from './display.controller';
import { DisplayService } from './display.service';
import { DisplaySockets } from './display-sockets';

/** Hall displays (issue 16): pairing, the display's read-only socket, revocation. */
@Module({
  imports: [PolicyModule, SnapshotModule],
  controllers: [DisplayController],
  providers: [DisplayService, DisplaySockets],
  exports: [DisplaySockets],
})
export class DisplayModule {}
