import type { MediaRpcErrorCode } from '@app/contracts';
import { DomainException } from '../common/domain.exception';

export enum MediaErrorCode {
  Disabled = 'media_disabled',
  Unavailable = 'media_unavailable',
  NotFound = 'media_not_found',
  NotOwner = 'media_not_owner',
  FloorHeld = 'media_floor_held',
  MutedByChair = 'media_muted_by_chair',
  BadRequest = 'media_bad_request',
  RoomClosed = 'media_room_closed',
  MeetingNotActive = 'media_meeting_not_active',
  Failed = 'media_failed',
  /** the watch token is missing, expired, forged or for another meeting */
  BroadcastForbidden = 'broadcast_forbidden',
  /** no such playlist or segment (not started, or the segment aged out of the playlist) */
  BroadcastNotFound = 'broadcast_not_found',
}

export class MediaException extends DomainException<MediaErrorCode> {
  get status(): number {
    switch (this.code) {
      case MediaErrorCode.BadRequest:
        return 400;
      case MediaErrorCode.NotOwner:
      case MediaErrorCode.BroadcastForbidden:
        return 403;
      case MediaErrorCode.NotFound:
      case MediaErrorCode.BroadcastNotFound:
        return 404;
      case MediaErrorCode.FloorHeld:
      case MediaErrorCode.MutedByChair:
      case MediaErrorCode.RoomClosed:
      case MediaErrorCode.MeetingNotActive:
        return 409;
      case MediaErrorCode.Failed:
        return 502;
      case MediaErrorCode.Disabled:
      case MediaErrorCode.Unavailable:
        return 503;
    }
  }

  /** An error answered by the media process, as the api reports it. */
  static fromRpc(code: MediaRpcErrorCode, message: string): MediaException {
    switch (code) {
      case 'not_found':
        return new MediaException(MediaErrorCode.NotFound, message);
      case 'not_owner':
        return new MediaException(MediaErrorCode.NotOwner, message);
      case 'floor_held':
        return new MediaException(MediaErrorCode.FloorHeld, message);
      case 'muted_by_chair':
        return new MediaException(MediaErrorCode.MutedByChair, message);
      case 'bad_request':
        return new MediaException(MediaErrorCode.BadRequest, message);
      case 'room_closed':
        return new MediaException(MediaErrorCode.RoomClosed, message);
      case 'unauthorized':
        // MEDIA_SECRET differs between api and media: an operator's mistake, not the user's
        return new MediaException(MediaErrorCode.Unavailable, 'The media server refused the api (check MEDIA_SECRET on both)');
      case 'internal':
        return new MediaException(MediaErrorCode.Failed, 'The media server failed; try again');
    }
  }
}
