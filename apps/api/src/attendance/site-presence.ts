import { Injectable } from '@nestjs/common';

type Listener = (meetingId: string, endpointId: string) => void;

/**
 * The presence of a child site (a commune under its province) changes without an event of its own:
 * 3,355 consoles joining would otherwise send 3,355 `presence.changed` events to every socket in the
 * meeting's room (each console is one), 11 million deliveries. The change is committed as always, and
 * reported here after the commit; the sites roll-up (SitesService) carries it, sequenced, at most once
 * a second per meeting and api process, with the presence of every child site it changed.
 */
@Injectable()
export class SitePresence {
  private readonly listeners: Listener[] = [];

  onChanged(listener: Listener) {
    this.listeners.push(listener);
  }

  changed(meetingId: string, endpointId: string) {
    for (const l of this.listeners) l(meetingId, endpointId);
  }
}
