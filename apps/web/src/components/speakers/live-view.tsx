import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../ui';
import { useMeetingState } from '../../state/meeting-context';
import { MEDIA_STATUSES, hostAndSpeaker, useMedia } from '../../state/use-media';
import { ActiveLayout } from '../media/media-views';
import { CurrentSpeaker, NextSpeakers } from './speaker-board';
import { LivePoll } from '../voting/live-poll';

/** For everybody: who speaks, how long is left, who comes next. */
export function LiveView() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error } = useMeetingState();
  const media = useMedia(id, { wants: hostAndSpeaker, enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) });
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>
        <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link>
      </h1>
      <ActiveLayout media={media} meeting={state} />
      <LivePoll state={state} />
      <CurrentSpeaker state={state} />
      <h2>{t('floor.next')}</h2>
      <NextSpeakers state={state} limit={8} />
    </section>
  );
}
