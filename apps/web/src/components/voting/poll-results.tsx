import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot, Poll } from '@app/contracts';
import { call, download } from '../../api/http';
import { endpointName } from '../speakers/speakers.util';
import { optionLabel, percent, ruleText } from './voting.util';

/** A closed poll's result: counts and shares of the votes cast, of those present and of all members, and the outcome by its rule. */
export function PollResults({ poll, state, exports = true }: { poll: Poll; state: MeetingSnapshot; exports?: boolean }) {
  const { t } = useTranslation();
  const r = poll.result;
  if (!r) return null;
  const label = (id: string) => {
    const o = poll.options.find((x) => x.id === id);
    return o ? optionLabel(poll, o, t) : id;
  };
  return (
    <div className="poll-result" data-testid="poll-result">
      <p>
        <strong data-testid="poll-outcome">{r.passed ? t('voting.passed') : t('voting.notPassed')}</strong> — {ruleText(poll, t)}
        {!r.quorumMet && <> · {t('voting.noQuorum')}</>}
      </p>
      <p>{t('voting.participants', { participants: r.participants, cast: r.cast })} · {t('voting.presentAtOpen', { present: r.present, members: r.members })}</p>
      <table>
        <thead>
          <tr>
            <th>{t('voting.option')}</th>
            <th>{t('voting.votes')}</th>
            <th>{t('voting.ofCast')}</th>
            <th>{t('voting.ofPresent')}</th>
            <th>{t('voting.ofMembers')}</th>
          </tr>
        </thead>
        <tbody>
          {r.options.map((o) => (
            <tr key={o.optionId} data-testid={`result-${o.optionId}`}>
              <td>
                {label(o.optionId)} {o.elected && <span className="badge">{t('voting.elected')}</span>}
              </td>
              <td>{o.count}</td>
              <td>{percent(o.ofCast)}</td>
              <td>{percent(o.ofPresent)}</td>
              <td>{percent(o.ofMembers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.named.length > 0 && (
        <details>
          <summary>{t('voting.namedList')}</summary>
          <ul>
            {r.named.map((b) => (
              <li key={b.attendeeId}>
                {b.fullName} ({endpointName(state, b.endpointId)}): {b.optionIds.map(label).join(', ')}
              </li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted small">
        {t('voting.digest')}: <code>{r.digest}</code>
      </p>
      {exports && (
      <div className="row">
        <button onClick={() => void download(call('polls.exportCsv', { params: { id: poll.meetingId, pollId: poll.id } }), 'ket-qua-bieu-quyet.csv')}>{t('voting.exportCsv')}</button>
        <button onClick={() => void download(call('polls.exportXlsx', { params: { id: poll.meetingId, pollId: poll.id } }), 'ket-qua-bieu-quyet.xlsx')}>{t('voting.exportXlsx')}</button>
      </div>
      )}
    </div>
  );
}
