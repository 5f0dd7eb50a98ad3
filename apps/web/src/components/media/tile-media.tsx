import { useTranslation } from 'react-i18next';
import type { EndpointMediaState } from '@app/contracts';

/** A link worth the technician's attention: packet loss above 5 %, or a quality score below 5 of 10. */
const BAD_LOSS = 5;
const BAD_SCORE = 5;
const kbps = (bps: number) => `${Math.round(bps / 1000)} kbit/s`;

/** Per site: producing / muted / no media, bitrate and loss of its streams. */
export function TileMedia({ media }: { media: EndpointMediaState | undefined }) {
  const { t } = useTranslation();
  const status = media?.status ?? 'none';
  const producers = media?.producers ?? [];
  const bitrate = producers.reduce((sum, p) => sum + p.bitrate, 0);
  const loss = producers.reduce((max, p) => Math.max(max, p.packetLoss), 0);
  const bad = producers.some((p) => !p.paused && (p.packetLoss > BAD_LOSS || (p.score > 0 && p.score < BAD_SCORE)));
  return (
    <div className={`tile-media ${bad ? 'bad' : ''}`} data-testid="tile-media" data-status={status} data-bad={bad} data-bitrate={bitrate} data-loss={loss}>
      <span className={`badge media-${status}`}>
        {t(`media.status.${status}`)}
        {status === 'muted' && media?.muteReason ? ` · ${t(`media.reasons.${media.muteReason}`)}` : ''}
      </span>
      {producers.length > 0 && (
        <div className="small">
          {t('media.bitrate')}: {kbps(bitrate)} · {t('media.loss')}: {loss.toFixed(1)}%{bad ? ` · ⚠ ${t('media.badLink')}` : ''}
        </div>
      )}
    </div>
  );
}
