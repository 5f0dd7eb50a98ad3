import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDateOf, type SchedulingConflict } from '@app/contracts';
import { HttpError } from '../../api/http';
import { fmtDateTime, fmtTime } from '../../i18n';
import { describeError } from '../../i18n/errors';
import { Modal } from '../ui';
import '../../styles/scheduling.css';

/** The conflicts of a 409 scheduling_conflict, or null when the error is something else. */
export const conflictsOf = (err: unknown): SchedulingConflict[] | null =>
  err instanceof HttpError && err.body.code === 'scheduling_conflict' ? (err.body.params.conflicts ?? []) : null;

/** "02/12/2026 14:00–16:00", the end's date too when it falls on another day. */
export const timeRange = (start: string, end: string) =>
  `${fmtDateTime(start)}–${localDateOf(start) === localDateOf(end) ? fmtTime(end) : fmtDateTime(end)}`;

interface Subject {
  id: string;
  name: string;
  role: SchedulingConflict['kind'];
  meetings: SchedulingConflict[];
}

/** One line per site or person, their clashing meetings after it: sites first, then people, each in Vietnamese order. */
function summarize(conflicts: SchedulingConflict[]) {
  const bySubject = new Map<string, Subject>();
  for (const c of conflicts) {
    const s = bySubject.get(c.subjectId) ?? { id: c.subjectId, name: c.subjectShortName ?? c.subjectName, role: c.kind, meetings: [] };
    if (!s.meetings.some((m) => m.meetingId === c.meetingId)) s.meetings.push(c);
    bySubject.set(c.subjectId, s);
  }
  const all = [...bySubject.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { sites: all.filter((s) => s.role === 'endpoint'), people: all.filter((s) => s.role !== 'endpoint') };
}

const SHOWN = 40;

/**
 * What a scheduling conflict is about, read at a glance ("Lạng Sơn: đã có Hội nghị X 02/12/2026 14:00–16:00"),
 * with the choice to go back or to schedule anyway (the same request again with overrideConflicts).
 */
export function ConflictDialog({ conflicts, onOverride, onClose }: { conflicts: SchedulingConflict[]; onOverride: () => Promise<unknown>; onClose: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { sites, people } = summarize(conflicts);
  const summary = [sites.length ? t('scheduling.conflictSites', { count: sites.length }) : '', people.length ? t('scheduling.conflictPeople', { count: people.length }) : '']
    .filter(Boolean)
    .join(t('scheduling.and'));
  const override = async () => {
    setBusy(true);
    setError(null);
    try {
      await onOverride();
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const group = (label: string, list: Subject[], testId: string) =>
    list.length > 0 && (
      <section className="conflict-group" data-testid={testId}>
        <h3>{label}</h3>
        <ul>
          {list.slice(0, SHOWN).map((s) => (
            <li key={s.id} data-testid="conflict-line">
              <strong>{s.name}</strong>
              {s.role !== 'endpoint' && <span className="muted"> ({t(s.role === 'chair' ? 'scheduling.asChair' : 'scheduling.asSecretary')})</span>}:{' '}
              {s.meetings.map((m, i) => (
                <span key={m.meetingId}>
                  {i > 0 && '; '}
                  {t('scheduling.hasMeeting', { title: m.meetingTitle, time: timeRange(m.scheduledStart, m.scheduledEnd) })}
                </span>
              ))}
            </li>
          ))}
          {list.length > SHOWN && <li className="muted">{t('scheduling.more', { count: list.length - SHOWN })}</li>}
        </ul>
      </section>
    );
  return (
    <Modal title={t('scheduling.conflictTitle')} onClose={onClose} testId="conflict-dialog" initialFocus="[data-testid=conflict-back]">
      <div className="stack">
        <p className="confirm-message">{t('scheduling.conflictIntro', { summary })}</p>
        <div className="conflict-list">
          {group(t('scheduling.bySite'), sites, 'conflict-sites')}
          {group(t('scheduling.byPerson'), people, 'conflict-people')}
        </div>
        <p className="muted small">{t('scheduling.overrideHint')}</p>
        {!!error && (
          <div className="banner error" role="alert">
            {describeError(error, t)}
          </div>
        )}
        <div className="modal-actions">
          <button type="button" data-testid="conflict-back" onClick={onClose}>
            {t('dialogs.back')}
          </button>
          <button type="button" className="primary" data-testid="conflict-override" disabled={busy} onClick={() => void override()}>
            {t('scheduling.override')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
