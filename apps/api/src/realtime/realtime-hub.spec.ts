import { meetingRoom, type MeetingEvent } from '@app/contracts';
import { RealtimeHub } from './realtime-hub';
import type { AppServer } from './realtime.gateway';

/** A server that records what would be emitted, and whether only to this process. */
function recordingServer() {
  const sent: { local: boolean; room: string; event: string; args: unknown[] }[] = [];
  const to = (local: boolean) => (room: string) => ({ emit: (event: string, ...args: unknown[]) => sent.push({ local, room, event, args }) });
  const disconnect = (room: string) => ({ disconnectSockets: (close: boolean) => sent.push({ local: true, room, event: 'disconnect', args: [close] }) });
  const server = { to: to(false), local: { to: to(true), in: disconnect } } as unknown as AppServer;
  return { server, sent };
}

const event: MeetingEvent = { meetingId: 'm-1', seq: 3, type: 'minutes.entry_removed', payload: { entryId: 'e-1' }, actorId: null, at: '2026-12-01T02:00:00.000Z' };

describe('RealtimeHub', () => {
  it('sends a committed event to the meeting room on every process', () => {
    const { server, sent } = recordingServer();
    const hub = new RealtimeHub();
    hub.attach(server);
    hub.publishMeetingEvent(event);
    expect(sent).toEqual([{ local: false, room: meetingRoom('m-1'), event: 'meeting:event', args: [event] }]);
  });

  it('sends news every process hears itself to this process only', () => {
    const { server, sent } = recordingServer();
    const hub = new RealtimeHub();
    hub.attach(server);
    hub.clientSendLocal('session:ready', 'socket-1', { accountId: 'a-1', serverTime: 1 });
    expect(sent).toEqual([{ local: true, room: 'socket-1', event: 'session:ready', args: [{ accountId: 'a-1', serverTime: 1 }] }]);
  });

  it('tells the sockets of a session on this process why, then closes them', () => {
    const { server, sent } = recordingServer();
    const hub = new RealtimeHub();
    hub.attach(server);
    hub.endLocal('session:s-1', 'logout');
    expect(sent).toEqual([
      { local: true, room: 'session:s-1', event: 'session:ended', args: [{ reason: 'logout' }] },
      { local: true, room: 'session:s-1', event: 'disconnect', args: [true] },
    ]);
  });

  it('drops what is sent before the socket server is up', () => {
    expect(() => new RealtimeHub().clientSend('meeting:event', meetingRoom('m-1'), event)).not.toThrow();
  });
});

/** Checked by tsc, never run: the hub sends only the events of the contract, each with its own payload. */
export function sendsOnlyTheContract(hub: RealtimeHub) {
  // @ts-expect-error an event that is not in ServerToClientEvents
  hub.clientSend('meeting:evnt', 'room', event);
  // @ts-expect-error the payload of another event
  hub.clientSend('minutes:presence', 'room', event);
  // @ts-expect-error a payload missing
  hub.clientSendLocal('report:status', 'room');
}
