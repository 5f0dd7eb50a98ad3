import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot } from '@app/contracts';
import { fmtTime } from '../../i18n';
import { hallPoll } from '../display/hall-display.util';
import { PollResults } from './poll-results';

/**
 * The vote of the moment, for the live view and the chair's floor console: the open poll with its turnout
 * (how many, never how) and its closing time, or the latest result until the next speech begins, as the
 * hall display shows it. Managing stays on the voting page (a link for those who may).
 */
export function LivePoll({ state, manage = false }: { state: MeetingSnapshot; manage?: boolean }) {
  const { t } = useTranslation();
  const poll = hallPoll(state);
  if (!poll) return null;
  const open = poll.status === 'open';
  return (
    <section className={`card live-poll ${open ? 'open' : 'closed'}`} data-testid="live-poll" data-status={poll.status} aria-live="polite">
      <header className="row">
        <h2>{open ? t('livePoll.open') : t('livePoll.result')}</h2>
        {!open && <span className="badge">{poll.status === 'published' ? t('livePoll.published') : t('livePoll.notPublished')}</span>}
        {manage && (
          <Link className="button" to={`/meetings/${state.meeting.id}/voting`}>
            {t('livePoll.manage')}
          </Link>
        )}
      </header>
      <p className="live-poll-question" data-testid="live-poll-question">{poll.question}</p>
      {open ? (
        <p className="turnout" data-testid="live-poll-turnout">
          {poll.mode !== 'site' && t('voting.turnout', { voted: poll.turnout.voted })}
          {poll.turnout.sitesExpected > 0 && <> · {t('voting.sitesCounted', { counted: poll.turnout.sitesCounted, expected: poll.turnout.sitesExpected })}</>}
          {poll.present !== null && <> · {t('voting.presentAtOpen', { present: poll.present, members: poll.members })}</>}
          {poll.closesAt && <> · {t('voting.closesAt', { time: fmtTime(poll.closesAt) })}</>}
        </p>
      ) : (
        <PollResults poll={poll} state={state} exports={false} />
      )}
    </section>
  );
}
