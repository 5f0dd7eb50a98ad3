import { useTranslation } from 'react-i18next';
import type { MeetingSummary } from '@app/contracts';
import { Name } from '../name';

type SummaryPoll = NonNullable<MeetingSummary['polls']>[number];
const pct = (n: number | null, lang: string) => (n === null ? '—' : `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 })}%`);

/** IV. The votes: each poll's question, rule, counts with their shares, outcome, names (named votes) and digest. */
export function SummaryPolls({ polls, n }: { polls: SummaryPoll[]; n: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section data-testid="report-polls">
      <h3>{t('report.sections.polls', { n })}</h3>
      {polls.map((p, i) => (
        <div key={i} className="report-poll" data-testid="report-poll" data-question={p.question}>
          <h4>
            {i + 1}. {p.question}
          </h4>
          {p.agendaItemTitle && <div className="muted small">{p.agendaItemTitle}</div>}
          <p className="small">{t('reportPolls.how', { secrecy: p.secret ? t('reportPolls.secret') : t('reportPolls.open'), rule: p.rule })}</p>
          {!p.result ? (
            <p className="banner warn" data-testid="report-poll-cancelled">
              {p.cancelledReason ? t('reportPolls.cancelled', { reason: p.cancelledReason }) : t('reportPolls.cancelledNoReason')}
            </p>
          ) : (
            <>
              <p className="small">{t('reportPolls.counts', p.result)}</p>
              {!p.result.quorumMet && <p className="small">{t('reportPolls.noQuorum')}</p>}
              <div className="table-scroll">
                <table className="table compact report-table">
                  <thead>
                    <tr>
                      <th>{t('reportPolls.option')}</th>
                      <th className="num">{t('reportPolls.votes')}</th>
                      <th className="num">{t('reportPolls.ofCast')}</th>
                      <th className="num">{t('reportPolls.ofMembers')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.result.options.map((o) => (
                      <tr key={o.label} data-testid="report-poll-option" data-label={o.label} data-count={o.count}>
                        <td>
                          {o.label}
                          {o.elected && <strong> ({t('reportPolls.elected')})</strong>}
                        </td>
                        <td className="num">{o.count}</td>
                        <td className="num">{o.abstain ? '—' : pct(o.ofCast, i18n.language)}</td>
                        <td className="num">{pct(o.ofMembers, i18n.language)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p data-testid="report-poll-outcome">
                <strong>{t('reportPolls.result', { outcome: p.result.outcome })}</strong> {p.status === 'closed' && <span className="muted">{t('reportPolls.notPublished')}</span>}
              </p>
              {p.result.named.length > 0 && (
                <details>
                  <summary>
                    {t('reportPolls.named')} ({p.result.named.length})
                  </summary>
                  <table className="table compact report-table">
                    <thead>
                      <tr>
                        <th>{t('reportPolls.delegate')}</th>
                        <th>{t('reportPolls.site')}</th>
                        <th>{t('reportPolls.choice')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.result.named.map((b, j) => (
                        <tr key={j}>
                          <td>
                            <Name text={b.fullName} />
                          </td>
                          <td>{b.endpointName}</td>
                          <td>{b.choices.join(', ')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              )}
              {p.result.sites.length > 0 && (
                <details>
                  <summary>{t('reportPolls.sites')} ({p.result.sites.length})</summary>
                  <ul>
                    {p.result.sites.map((s, j) => (
                      <li key={j}>
                        {s.endpointName}: {s.counts.map((c) => `${c.label} ${c.count}`).join(' · ')}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              <p className="muted small">
                {t('reportPolls.digest')}: <code className="digest">{p.result.digest}</code>
              </p>
            </>
          )}
        </div>
      ))}
    </section>
  );
}
