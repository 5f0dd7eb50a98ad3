import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { BroadcastPlayer } from '../../components/media/broadcast-player';
import { ErrorBanner } from '../../components/ui';
import { StatusBadge } from '../../components/meetings/status-badge';
import { useMeetingState } from '../../state/meeting-context';

/** /meetings/:id/watch — the broadcast for anyone who may view the meeting (no WebRTC, no camera). */
export default function WatchPage() {
  usePageTitle('live');
  const { t } = useTranslation();
  const { state, error } = useMeetingState();
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1 data-testid="watch-heading">{t('broadcast.title')}</h1>
          <p className="muted">
            <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link> <StatusBadge status={state.meeting.status} />
          </p>
        </div>
      </div>
      <BroadcastPlayer meetingId={state.meeting.id} />
    </section>
  );
}
