import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { orderQueue } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { MEDIA_STATUSES, everyone, useMedia } from '../../state/use-media';
import { ActiveLayout, ChairMediaPanel } from '../media/media-views';
import { CurrentSpeaker } from './speaker-board';
import { FloorStatistics } from './floor-statistics';
import { PendingRequests } from './pending-requests';
import { SpeakerQueue } from './speaker-queue';
import { FloorAlerts } from './floor-alerts';
import { LivePoll } from '../voting/live-poll';
import { ItemTiming } from './item-timing';
import { SpokenList } from './spoken-list';
import '../../styles/floor.css';

/** The chair's console: the floor (pause, extend, end), the ordered queue, requests to decide, who has spoken, time per item, statistics. */
export function FloorConsole() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const media = useMedia(id, { wants: everyone, enabled: !!state && MEDIA_STATUSES.includes(state.meeting.status) });
  const [actionError, setActionError] = useState<unknown>(null);
  const order = useMemo(() => (state ? orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings) : []), [state]);
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}`;
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  // the chair and organizers of the host run the list (not an organizer of another body)
  const isChair = can('queue.moderate');
  const current = state.speakers.turns.find((x) => x.endedAt === null);

  return (
    <section>
      <div className="page-head">
        <h1>
          <Link to={base}>{state.meeting.title}</Link> — {t('floor.title')}
        </h1>
        <div className="row">
          <Link className="button" to={`${base}/live`}>{t('floor.liveView')}</Link>
          <Link className="button" to={`${base}/wall`}>{t('meetings.wall')}</Link>
        </div>
      </div>
      <ErrorBanner error={actionError} />
      <ActiveLayout media={media} meeting={state} />
      <CurrentSpeaker state={state} />
      {isChair && (
        <div className="row floor-controls">
          <button className="primary" data-testid="floor-next" disabled={!order.length} onClick={() => run(call('speakers.giveFloor', { params: { id: state.meeting.id }, body: {} }))}>
            {t('floor.giveNext')}
          </button>
          <button data-testid="floor-extend" disabled={!current} onClick={() => run(call('speakers.extend', { params: { id: state.meeting.id }, body: { seconds: 60 } }))}>
            <span aria-hidden>+1 {t('agenda.minutes')}</span>
            <span className="sr-only">{t('floorConsole.extendMinute')}</span>
          </button>
          {current?.pausedAt ? (
            <button data-testid="floor-resume" onClick={() => run(call('speakers.resume', { params: { id: state.meeting.id } }))}>
              {t('floorConsole.resume')}
            </button>
          ) : (
            <button data-testid="floor-pause" disabled={!current} onClick={() => run(call('speakers.pause', { params: { id: state.meeting.id } }))}>
              {t('floorConsole.pause')}
            </button>
          )}
          <button data-testid="floor-end" disabled={!current} onClick={() => run(call('speakers.endSpeech', { params: { id: state.meeting.id } }))}>
            {t('floor.end')}
          </button>
          <label className="inline">
            <input type="checkbox" checked={state.speakers.settings.open} onChange={(e) => run(call('speakers.settings', { params: { id: state.meeting.id }, body: { open: e.target.checked } }))} /> {t('floor.listOpen')}
          </label>
          <label className="inline">
            <input type="checkbox" checked={state.speakers.settings.unheardFirst} onChange={(e) => run(call('speakers.settings', { params: { id: state.meeting.id }, body: { unheardFirst: e.target.checked } }))} /> {t('floor.unheardFirst')}
          </label>
        </div>
      )}
      {isChair && <FloorAlerts state={state} />}
      <LivePoll state={state} manage={can('poll.manage')} />
      <ChairMediaPanel media={media} meeting={state} isChair={can('media.moderate')} />
      <div className="columns">
        <SpeakerQueue state={state} order={order} isChair={isChair} showDocuments={isChair || can('documents.manage')} run={run} />
        <div>
          <PendingRequests state={state} isChair={isChair} can={can} run={run} />
          <ItemTiming state={state} />
          <FloorStatistics state={state} isChair={isChair} run={run} />
        </div>
      </div>
      <SpokenList state={state} />
    </section>
  );
}
