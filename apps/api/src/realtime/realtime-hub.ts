import { Injectable } from '@nestjs/common';
import { meetingRoom, type MeetingEvent, type ServerToClientEvents, type SessionEndReason } from '@app/contracts';
import type { AppServer } from './realtime.gateway';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const accountRoom = (accountId: string) => `account:${accountId}`;

/**
 * The services' way to the sockets, on every api process (the Redis adapter
 * carries room broadcasts and disconnects across). Every notification to
 * clients leaves through clientSend or clientSendLocal, typed by the event map
 * in libs/contracts: one place decides what reaches whom.
 */
@Injectable()
export class RealtimeHub {
  private server?: AppServer;

  attach(server: AppServer) {
    this.server = server;
  }

  /**
   * Tells the sockets in `room` on this process why they are closed, then closes them. Local
   * only: the SessionRegistry's Redis message makes every api process do this for its own
   * sockets. The notice is written before the close, so a client reads it before 'disconnect'.
   */
  endLocal(room: string, reason: SessionEndReason) {
    this.clientSendLocal('session:ended', room, { reason });
    this.server?.local.in(room).disconnectSockets(true);
  }

  /** Sends a notification to everyone in `room`, on every api process. */
  clientSend<E extends keyof ServerToClientEvents>(event: E, room: string, ...args: Parameters<ServerToClientEvents[E]>) {
    this.server?.to(room).emit(event, ...args);
  }

  /**
   * Sends a notification to the sockets in `room` connected to this process
   * only: for news every api process hears itself (job events from Redis, the
   * media stats each process polls), so that nobody gets it twice, and for
   * one socket of this process (its id is a room).
   */
  clientSendLocal<E extends keyof ServerToClientEvents>(event: E, room: string, ...args: Parameters<ServerToClientEvents[E]>) {
    this.server?.local.to(room).emit(event, ...args);
  }

  /** Closes every socket in `room`, on every api process (the adapter carries it). */
  disconnectRoom(room: string) {
    this.server?.in(room).disconnectSockets(true);
  }

  /** Sends one committed meeting event to everyone following the meeting. */
  publishMeetingEvent(event: MeetingEvent) {
    this.clientSend('meeting:event', meetingRoom(event.meetingId), event);
  }
}
