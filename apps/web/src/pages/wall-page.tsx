import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ATTENDEE_STATUSES, type AttendeeStatus, type MeetingSnapshot } from '@app/contracts';
import { compareVietnamese } from '@app/vietnamese';
import { download, post } from '../api/http';
import { ErrorBanner } from '../components/ui';
import { fmtTime } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';
import { StatusBadge } from './meetings-page';
import { useMediaState } from '../media/use-media';
import type { EndpointMediaState } from '@app/contracts';

/** A link worth the technician's attention: packet loss above 5 %, or a quality score below 5 of 10. */
const BAD_LOSS = 5;
const BAD_SCORE = 5;
const kbps = (bps: number) => `${Math.round(bps / 1000)} kbit/s`;

/** Per site: producing / muted / no media, bitrate and loss of its streams. */
function TileMedia({ media }: { media: EndpointMediaState | undefined }) {
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

/** The wall, derived from the live meeting state: who is connected, who is missing, how many attend at each site. */
export function wallOf(state: MeetingSnapshot) {
  const presence = new Map(state.presence.map((p) => [p.endpointId, p]));
  const rows = state.endpoints
    .map((e) => {
      const people = state.attendees.filter((a) => a.endpointId === e.id);
      return {
        endpoint: e,
        presence: presence.get(e.id),
        present: people.filter((a) => a.status === 'present' || a.status === 'late').length,
        expected: people.length,
        name: e.organizationShortName ?? e.organizationName,
      };
    })
    .sort((a, b) => Number(b.endpoint.isHost) - Number(a.endpoint.isHost) || compareVietnamese(a.name, b.name));
  const connected = rows.filter((r) => r.presence?.state === 'connected');
  return { rows, connected: connected.length, total: rows.length, missing: rows.filter((r) => r.presence?.state !== 'connected') };
}

/** Counts of the whole roster by status, live. */
function AttendanceTotals({ state }: { state: MeetingSnapshot }) {
  const { t } = useTranslation();
  const counts = new Map<AttendeeStatus, number>();
  state.attendees.forEach((a) => counts.set(a.status, (counts.get(a.status) ?? 0) + 1));
  const late = state.attendees.filter((a) => a.status === 'late');
  return (
    <div className="totals" data-testid="attendance-totals">
      {ATTENDEE_STATUSES.map((s) => (
        <span key={s} className={`badge att-${s}`}>
          {t(`attendees.statuses.${s}`)}: {counts.get(s) ?? 0}
        </span>
      ))}
      {late.length > 0 && <span className="muted small">{late.map((a) => `${a.fullName} (${fmtTime(a.checkedInAt)})`).join(', ')}</span>}
    </div>
  );
}

export function WallPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeeting(id);
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
          {t('presence.summary', { connected: wall.connected, total: wall.total })}
        </div>
      </div>
      <div className="row">
        <span className="muted">
          {t('presence.attendees')}: <strong data-testid="wall-present">{present}</strong> / {state.attendees.length}
        </span>
        <button onClick={() => run(download(`/meetings/${meeting.id}/attendance/export.xlsx`, 'danh-sach-dai-bieu.xlsx'))}>{t('attendees.exportXlsx')}</button>
        <button onClick={() => run(download(`/meetings/${meeting.id}/attendance/export.csv`, 'danh-sach-dai-bieu.csv'))}>{t('attendees.exportCsv')}</button>
        {can('techcheck.open') && (
          <button onClick={() => run(post(`/meetings/${meeting.id}/tech-check`, { open: !techCheck.open }))}>{techCheck.open ? t('presence.closeCheck') : t('presence.openCheck')}</button>
        )}
        {can('rollcall.run') && meeting.status === 'live' && (
          <button onClick={() => run(post(`/meetings/${meeting.id}/roll-calls${rollCall && !rollCall.closedAt ? '/current/close' : ''}`))}>
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
              className={`tile state-${r.presence?.state ?? 'not_joined'}`}
              data-testid="wall-tile"
              data-name={r.name}
              data-state={r.presence?.state}
            >
              <div className="tile-name">
                {r.endpoint.isHost && '★ '}
                {r.name}
              </div>
              <div className="tile-state">{t(`presence.${r.presence?.state ?? 'not_joined'}`)}</div>
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
