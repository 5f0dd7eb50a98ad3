import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { download, call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { fmtTime } from '../../i18n';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { StatusBadge } from '../meetings/status-badge';
import { useMediaState } from '../../state/use-media-state';
import { TileMedia } from '../media/tile-media';
import { AttendanceTotals } from './attendance-totals';
import { wallOf } from './wall.util';
import { Name } from '../name';
import '../../styles/endpoint.css';

/** The wall: every site of the meeting, connected or not, with its attendance, readiness, roll call and media. */
export function PresenceWall() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const media = useMediaState(id);
  const [actionError, setActionError] = useState<unknown>(null);
  const wall = useMemo(() => (state ? wallOf(state) : null), [state]);
  if (error) return <ErrorBanner error={error} />;
  if (!state || !wall) return <p>{t('common.loading')}</p>;
  const { meeting, rollCall, techCheck } = state;
  const run = (p: Promise<unknown>) => void p.catch(setActionError);
  const present = state.attendees.filter((a) => a.status === 'present' || a.status === 'late').length;

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>
            <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
          </h1>
          <StatusBadge status={meeting.status} />
        </div>
        <div className="big-count" data-testid="wall-summary">
          {wall.over
            ? wall.connected === 0
              ? t('endpoint.endedSummary')
              : t('endpoint.endedConnected', { connected: wall.connected, total: wall.total })
            : t('presence.summary', { connected: wall.connected, total: wall.total })}
        </div>
      </div>
      <div className="row">
        <span className="muted">
          {t('presence.attendees')}: <strong data-testid="wall-present">{present}</strong> / {state.attendees.length}
        </span>
        <button onClick={() => run(download(call('attendance.exportXlsx', { params: { id: meeting.id } }), 'danh-sach-dai-bieu.xlsx'))}>{t('attendees.exportXlsx')}</button>
        <button onClick={() => run(download(call('attendance.exportCsv', { params: { id: meeting.id } }), 'danh-sach-dai-bieu.csv'))}>{t('attendees.exportCsv')}</button>
        {can('techcheck.open') && (
          <button onClick={() => run(call('attendance.techCheck', { params: { id: meeting.id }, body: { open: !techCheck.open } }))}>{techCheck.open ? t('presence.closeCheck') : t('presence.openCheck')}</button>
        )}
        {can('rollcall.run') && meeting.status === 'live' && (
          <button onClick={() => run(call(rollCall && !rollCall.closedAt ? 'rollCalls.close' : 'rollCalls.start', { params: { id: meeting.id } }))}>
            {rollCall && !rollCall.closedAt ? t('presence.closeRollCall') : t('presence.startRollCall')}
          </button>
        )}
      </div>
      <ErrorBanner error={actionError} />
      <AttendanceTotals state={state} />
      {wall.missing.length > 0 && (
        <p className="banner warn" data-testid="wall-missing">
          {t('presence.missing')}: {wall.missing.map((m) => m.name).join(', ')}
        </p>
      )}
      <div className="wall" data-testid="wall">
        {wall.rows.map((r) => {
          const response = rollCall?.responses.find((x) => x.endpointId === r.endpoint.id);
          return (
            <Link
              key={r.endpoint.id}
              to={`/meetings/${meeting.id}/console/${r.endpoint.id}`}
              className={`tile state-${r.state}`}
              data-testid="wall-tile"
              data-name={r.name}
              data-state={r.state}
            >
              <div className="tile-name">
                {r.endpoint.isHost && '★ '}
                <Name text={r.name} />
              </div>
              <div className="tile-state" data-testid="tile-state">
                {r.state === 'ended' ? t('endpoint.ended') : t(`presence.${r.state}`)}
              </div>
              <div className="tile-count" data-testid="tile-count">
                {r.present}/{r.expected}
              </div>
              {media.enabled && <TileMedia media={media.state?.endpoints.find((e) => e.endpointId === r.endpoint.id)} />}
              {techCheck.open && <div className="small">{r.presence?.readyAt ? `✓ ${t('presence.ready')}` : '…'}</div>}
              {rollCall && <div className="small">{response ? `${t('presence.rollCall')}: ${response.presentCount} (${fmtTime(response.confirmedAt)})` : '—'}</div>}
            </Link>
          );
        })}
      </div>
    </section>
  );
}
