import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Lets the auth service end the sockets of a session it revokes, on every api
 * process (the Redis adapter carries disconnectSockets across).
 */
@Injectable()
export class RealtimeSessions {
  private server?: Server;

  attach(server: Server) {
    this.server = server;
  }

  disconnectSession(sessionId: string) {
    this.server?.in(sessionRoom(sessionId)).disconnectSockets(true);
  }
}
