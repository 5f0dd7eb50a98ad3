import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Headcount, HeadcountSource } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { fmtCount } from '../../state/use-sites-rollup';

const FIELDS = ['leaders', 'officials', 'members'] as const;

/** A site's headcount by category: at its console, or entered by its province for a commune that reports by phone. */
export function HeadcountForm({
  meetingId,
  endpointId,
  current,
  capacity,
  source,
  onSaved,
}: {
  meetingId: string;
  endpointId: string;
  current: Headcount | null;
  capacity: number | null;
  source: HeadcountSource;
  onSaved?: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({
    leaders: String(current?.leaders ?? ''),
    officials: String(current?.officials ?? ''),
    members: String(current?.members ?? ''),
  });
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const total = FIELDS.reduce((n, f) => n + (Number(values[f]) || 0), 0);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setSaved(null);
    try {
      const body = { leaders: Number(values.leaders || 0), officials: Number(values.officials || 0), members: Number(values.members || 0), source };
      const res = await call('sites.headcount', { params: { id: meetingId, endpointId }, body });
      setSaved(res.headcount?.total ?? total);
      setError(null);
      onSaved?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="headcount-form" data-testid="headcount-form">
      <div className="row">
        {FIELDS.map((f) => (
          <label key={f} htmlFor={`${id}-${f}`} className="headcount-field">
            <span>{t(`sites.${f}`)}</span>
            <input id={`${id}-${f}`} type="number" min={0} step={1} inputMode="numeric" value={values[f]} data-testid={`headcount-${f}`} onChange={(e) => setValues({ ...values, [f]: e.target.value })} />
          </label>
        ))}
        <div className="headcount-total">
          {t('sites.total')}: <strong data-testid="headcount-total">{fmtCount(total)}</strong>
          {capacity !== null && <span className="muted small"> ({t('sites.capacityOf', { capacity: fmtCount(capacity) })})</span>}
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="headcount-submit">
          {t('sites.report')}
        </button>
      </div>
      {saved !== null && <p className="banner ok">{t('sites.saved', { total: fmtCount(saved) })}</p>}
      <ErrorBanner error={error} />
    </form>
  );
}
