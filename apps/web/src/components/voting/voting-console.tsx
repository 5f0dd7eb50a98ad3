import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { ErrorBanner } from '../ui';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { endpointName } from '../speakers/speakers.util';
import { BallotSlips } from './ballot-slips';
import { PollBuilder } from './poll-builder';
import { PollCard } from './poll-card';

/**
 * /meetings/:id/voting: the chair prepares, opens and closes polls with the live
 * turnout; an endpoint operator prints its delegates' slips, enters its show of
 * hands or records a named vote; everybody sees the results.
 */
export function VotingConsole() {
  const { t } = useTranslation();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const [slipsFor, setSlipsFor] = useState('');
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const manage = can('poll.manage');
  const countFor = state.endpoints.filter((e) => can('poll.count', e.id)).map((e) => e.id);
  const polls = [...state.polls].reverse();
  const slipSite = slipsFor || (countFor.length === 1 ? countFor[0] : '');
  return (
    <section className="voting">
      <div className="page-head">
        <h1>
          <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link> — {t('voting.title')}
        </h1>
      </div>
      {manage && <PollBuilder state={state} />}
      {countFor.length > 0 && (
        <>
          {countFor.length > 1 && (
            <label>
              {t('voting.slips')}
              <select value={slipsFor} onChange={(e) => setSlipsFor(e.target.value)} data-testid="slips-site">
                <option value="">—</option>
                {countFor.map((id) => (
                  <option key={id} value={id}>
                    {endpointName(state, id)}
                  </option>
                ))}
              </select>
            </label>
          )}
          {slipSite && <BallotSlips key={slipSite} state={state} endpointId={slipSite} />}
        </>
      )}
      {polls.length === 0 && <p className="muted">{t('voting.none')}</p>}
      {polls.map((p) => (
        <PollCard key={p.id} poll={p} state={state} manage={manage} countFor={countFor} />
      ))}
    </section>
  );
}
