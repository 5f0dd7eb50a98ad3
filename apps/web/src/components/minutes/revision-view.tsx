import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MinutesDiffEntry, MinutesRevision } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { fmt } from '../../i18n';

/** One published revision, with its changes against the one before. */
export function RevisionView() {
  const { id, number } = useParams();
  const { t } = useTranslation();
  const [revision, setRevision] = useState<MinutesRevision | null>(null);
  const [diff, setDiff] = useState<MinutesDiffEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const n = Number(number);
  useEffect(() => {
    void call('minutes.revision', { params: { id: id!, number: n } }).then(setRevision, setError);
    if (n > 1) void call('minutes.diff', { params: { id: id!, from: n - 1, to: n } }).then(setDiff, setError);
  }, [id, n]);
  if (error) return <ErrorBanner error={error} />;
  if (!revision) return <p>{t('common.loading')}</p>;
  return (
    <section>
      <h1>
        <Link to={`/meetings/${id}/minutes`}>{t('minutes.title')}</Link> — {t('minutes.revision', { n })}
      </h1>
      <p className="muted">
        {revision.publishedByName}, {fmt(revision.publishedAt)} · SHA-256 <code>{revision.contentHash}</code>
      </p>
      <div className="card" data-testid="revision">
        {(diff ?? revision.entries.map((e): MinutesDiffEntry => ({ entryId: e.id, change: 'unchanged', before: null, after: e, text: [{ value: e.text }] }))).map((d) => (
          <div key={d.entryId} className={`minutes-entry change-${d.change}`}>
            <span className="badge">{t(`minutes.kinds.${(d.after ?? d.before)!.kind}`)}</span> {d.change !== 'unchanged' && <span className="badge">{t(`minutes.changes.${d.change}`)}</span>}
            <p>
              {d.text.map((p, i) => (
                <span key={i} className={p.added ? 'ins' : p.removed ? 'del' : ''}>
                  {p.value}
                </span>
              ))}
            </p>
          </div>
        ))}
      </div>
    </section>
  );
}
