import { Inject, Injectable } from '@nestjs/common';
import { ENV, type Env } from '@app/config';
import type { MediaRpcAnswer, MediaRpcMethod, MediaRpcMethods } from '@app/contracts';
import { MediaErrorCode, MediaException } from './media.exception';

/** The api's end of the control channel to the media process (see apps/media/src/media-server.ts for why HTTP). */
@Injectable()
export class MediaClient {
  constructor(@Inject(ENV) private readonly env: Env) {}

  get enabled(): boolean {
    return !!this.env.MEDIA_URL && this.env.MEDIA_ENABLED;
  }

  async call<M extends MediaRpcMethod>(method: M, params: MediaRpcMethods[M]['params']): Promise<MediaRpcMethods[M]['result']> {
    if (!this.enabled) throw new MediaException(MediaErrorCode.Disabled, 'Audio and video are not enabled on this server');
    let answer: MediaRpcAnswer<MediaRpcMethods[M]['result']>;
    try {
      const res = await fetch(new URL('/rpc', this.env.MEDIA_URL), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.env.MEDIA_SECRET}` },
        body: JSON.stringify({ method, params }),
        signal: AbortSignal.timeout(10_000),
      });
      answer = (await res.json()) as typeof answer;
    } catch {
      throw new MediaException(MediaErrorCode.Unavailable, 'The media server cannot be reached');
    }
    if (!answer.ok) throw MediaException.fromRpc(answer.error.code, answer.error.message);
    return answer.data;
  }
}
