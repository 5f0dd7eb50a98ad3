import { memo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { SiteTile } from '@app/contracts';
import { ErrorBanner } from '../ui';
import { Name } from '../name';
import { fmtCount, useSitesRollup } from '../../state/use-sites-rollup';
import '../../styles/sites.css';

/** One province tile: its communes aggregated ("63/65 xã đã kết nối, 1.240 đại biểu"); rendered again only when its roll-up changes. */
const Tile = memo(function Tile({ meetingId, tile }: { meetingId: string; tile: SiteTile }) {
  const { t } = useTranslation();
  const share = tile.children ? tile.childrenConnected / tile.children : tile.state === 'connected' ? 1 : 0;
  return (
    <Link to={`/meetings/${meetingId}/sites/${tile.endpointId}`} className={`tile site-tile state-${tile.state}`} data-testid="site-tile" data-name={tile.name}>
      <div className="tile-name">
        {tile.isHost && '★ '}
        <Name text={tile.name} />
      </div>
      <div className="tile-state">{t(`presence.${tile.state}`)}</div>
      {tile.children > 0 && (
        <>
          <div className="site-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(share * 100)}%` }} />
          </div>
          <div className="small" data-testid="site-tile-children">
            {t('sites.childrenConnected', { connected: fmtCount(tile.childrenConnected), total: fmtCount(tile.children) })}
          </div>
        </>
      )}
      <div className="tile-count" data-testid="site-tile-people">
        {t('sites.people', { n: fmtCount(tile.totals.present) })}
      </div>
      {tile.totals.unreported > 0 && <div className="small muted">{t('sites.unreported', { n: fmtCount(tile.totals.unreported) })}</div>}
    </Link>
  );
});

/** The chair's wall of a national conference: 34 province tiles with their communes, national totals, and every site not connected. */
export const NationalWall = memo(function NationalWall() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { rollup, error } = useSitesRollup(id);
  const [showMissing, setShowMissing] = useState(false);
  if (error) return <ErrorBanner error={error} />;
  if (!rollup || !id) return <p>{t('common.loading')}</p>;
  const n = rollup.national;
  return (
    <section className="national-wall">
      <div className="page-head">
        <h1>{t('sites.title')}</h1>
        <Link to={`/meetings/${id}`}>{t('common.back')}</Link>
      </div>
      <div className="national-totals card" data-testid="national-totals">
        <div className="big-count">{t('sites.sitesConnected', { connected: fmtCount(n.connected), sites: fmtCount(n.sites) })}</div>
        <div className="national-people">
          <strong data-testid="national-present">{fmtCount(n.present)}</strong> {t('presence.attendees').toLowerCase()}
          <span className="muted small">
            {' '}
            · {t('sites.leaders')} {fmtCount(n.leaders)} · {t('sites.officials')} {fmtCount(n.officials)} · {t('sites.members')} {fmtCount(n.members)}
          </span>
        </div>
        {n.unreported > 0 && <div className="small muted">{t('sites.unreported', { n: fmtCount(n.unreported) })}</div>}
      </div>
      <div className="row">
        {rollup.missing.length ? (
          <button onClick={() => setShowMissing(!showMissing)} data-testid="missing-toggle" aria-expanded={showMissing}>
            {showMissing ? t('sites.hideMissing') : t('sites.missingTitle', { n: fmtCount(rollup.missing.length) })}
          </button>
        ) : (
          <span className="banner ok">{t('sites.missingNone')}</span>
        )}
      </div>
      {showMissing && (
        <div className="card missing-list" data-testid="missing-list">
          <h2>{t('sites.missingTitle', { n: fmtCount(rollup.missing.length) })}</h2>
          <ul>
            {rollup.missing.map((m) => (
              <li key={m.endpointId}>
                <Name text={m.name} />
                {m.parentName && <span className="muted"> — {m.parentName}</span>} <span className={`badge state-${m.state}`}>{t(`presence.${m.state}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="wall site-wall" data-testid="site-wall">
        {rollup.tiles.map((tile) => (
          <Tile key={tile.endpointId} meetingId={id} tile={tile} />
        ))}
      </div>
    </section>
  );
});
