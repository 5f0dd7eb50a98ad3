import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { instantOfLocal, localInputOf, type Meeting, type SchedulingConflict } from '@app/contracts';
import { call } from '../../api/http';
import { describeError, fieldErrorText } from '../../i18n/errors';
import { Modal } from '../ui';
import { ConflictDialog, conflictsOf } from './conflict-dialog';

/**
 * Postponing a meeting: why, and the new start and end picked as Vietnam
 * wall-clock times, sent as UTC instants. The server's field errors (an end
 * before the start) show beside the field they are about.
 */
export function PostponeDialog({ meeting, onClose }: { meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [start, setStart] = useState(localInputOf(meeting.scheduledStart));
  const [end, setEnd] = useState(localInputOf(meeting.scheduledEnd));
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [clash, setClash] = useState<{ conflicts: SchedulingConflict[]; override: () => Promise<unknown> } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const scheduledStart = instantOfLocal(start);
    const scheduledEnd = instantOfLocal(end);
    const now = { reason: !reason.trim(), scheduledStart: !scheduledStart, scheduledEnd: !scheduledEnd };
    setMissing(now);
    if (now.reason || !scheduledStart || !scheduledEnd) return;
    setBusy(true);
    setError(null);
    const send = (overrideConflicts: boolean) =>
      call('meetings.transition', { params: { id: meeting.id }, body: { action: 'postpone', reason: reason.trim(), scheduledStart, scheduledEnd, overrideConflicts } });
    try {
      await send(false);
      onClose();
    } catch (err) {
      const conflicts = conflictsOf(err);
      if (conflicts) setClash({ conflicts, override: () => send(true).then(onClose) });
      else setError(err);
      setBusy(false);
    }
  };
  const errorOf = (field: 'reason' | 'scheduledStart' | 'scheduledEnd') =>
    missing[field] ? t(field === 'reason' ? 'dialogs.reasonRequired' : 'dialogs.timeRequired') : fieldErrorText(error, field, t);
  const field = (name: 'reason' | 'scheduledStart' | 'scheduledEnd') => {
    const text = errorOf(name);
    return {
      'aria-invalid': !!text,
      'aria-describedby': text ? `${id}-${name}-error` : undefined,
      note: text && (
        <small className="field-error" id={`${id}-${name}-error`} data-testid={`postpone-${name}-error`}>
          {text}
        </small>
      ),
    };
  };
  const [r, s, en] = [field('reason'), field('scheduledStart'), field('scheduledEnd')];

  if (clash) return <ConflictDialog conflicts={clash.conflicts} onOverride={clash.override} onClose={() => setClash(null)} />;
  return (
    <Modal title={t('dialogs.postponeTitle')} onClose={onClose} testId="postpone-dialog" initialFocus="textarea">
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <p className="confirm-message">{t('dialogs.postponeMessage', { title: meeting.title })}</p>
        <label>
          {t('dialogs.postponeReason')}
          <textarea data-testid="postpone-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={r['aria-invalid']} aria-describedby={r['aria-describedby']} />
          {r.note}
        </label>
        <div className="grid2">
          <label>
            {t('dialogs.newStart')}
            <input data-testid="postpone-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} aria-invalid={s['aria-invalid']} aria-describedby={s['aria-describedby']} />
            {s.note}
          </label>
          <label>
            {t('dialogs.newEnd')}
            <input data-testid="postpone-end" type="datetime-local" value={end} min={start} onChange={(e) => setEnd(e.target.value)} aria-invalid={en['aria-invalid']} aria-describedby={en['aria-describedby']} />
            {en.note}
          </label>
        </div>
        <small className="muted">{t('dialogs.timeZoneHint')}</small>
        {!!error && (
          <div className="banner error" role="alert" data-testid="postpone-error">
            {describeError(error, t)}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" data-testid="postpone-cancel" onClick={onClose}>
            {t('dialogs.back')}
          </button>
          <button type="submit" className="primary" data-testid="postpone-submit" disabled={busy}>
            {t('meetings.postpone')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
