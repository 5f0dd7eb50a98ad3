import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { meetingRoom, type MeetingEvent } from '@app/contracts';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The services' way to the sockets, on every api process (the Redis adapter
 * carries room broadcasts and disconnects across).
 */
@Injectable()
export class RealtimeHub {
  private server?: Server;

  attach(server: Server) {
    this.server = server;
  }

  disconnectSession(sessionId: string) {
    this.server?.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** Sends one committed meeting event to everyone following the meeting. */
  publishMeetingEvent(event: MeetingEvent) {
    this.server?.to(meetingRoom(event.meetingId)).emit('meeting:event', event);
  }
}
