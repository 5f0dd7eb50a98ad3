import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';
import { meetingRoom, type MeetingEvent, type ServerToClientEvents } from '@app/contracts';

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

  /**
   * Sends a notification to the meeting's followers connected to this process
   * only: for news every api process hears itself (job events from Redis), so
   * that nobody gets it twice.
   */
  notifyMeetingLocally<E extends 'report:status'>(meetingId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    this.server?.local.to(meetingRoom(meetingId)).emit(event, ...args);
  }

  /** Sends one committed meeting event to everyone following the meeting. */
  publishMeetingEvent(event: MeetingEvent) {
    this.server?.to(meetingRoom(event.meetingId)).emit('meeting:event', event);
  }
}
