import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { MEETING_KINDS, localInputOf, type Meeting, type MeetingKind, type MeetingWriteResult, type Organization, type PersonRef, type SchedulingConflict, type Visibility } from '@app/contracts';
import { call } from '../../api/http';
import { useAuth } from '../../auth/auth';
import { OrgPicker } from '../org-picker';
import { PersonPicker } from '../person-picker';
import { ErrorBanner } from '../ui';
import { ConflictDialog, conflictsOf } from './conflict-dialog';
import { fieldErrorText } from '../../i18n/errors';
import { Name } from '../name';

/** An instant as the wall-clock value of a datetime-local input in Vietnam. */
export const toLocalInput = localInputOf;

export function MeetingForm({ meeting, onSaved }: { meeting: Meeting | null; onSaved?: (m: Meeting) => void }) {
  const { t } = useTranslation();
  const { account } = useAuth();
  const navigate = useNavigate();
  const [kind, setKind] = useState<MeetingKind>(meeting?.kind ?? 'plenary');
  const [title, setTitle] = useState(meeting?.title ?? '');
  const [description, setDescription] = useState(meeting?.description ?? '');
  const [host, setHost] = useState<Organization | null>(null);
  const [chair, setChair] = useState<PersonRef | null>(meeting?.chair ?? null);
  const [secretaries, setSecretaries] = useState<PersonRef[]>(meeting?.secretaries ?? []);
  const [visibility, setVisibility] = useState<Visibility>(meeting?.visibility ?? 'restricted');
  const [start, setStart] = useState(meeting ? toLocalInput(meeting.scheduledStart) : '');
  const [end, setEnd] = useState(meeting ? toLocalInput(meeting.scheduledEnd) : '');
  const [conflicts, setConflicts] = useState<SchedulingConflict[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const id = meeting?.hostOrganizationId ?? account?.roles.find((r) => r.role === 'organizer')?.organizationId ?? account?.organizationId;
    if (id) void call('organizations.get', { params: { id } }).then(setHost);
  }, [meeting?.hostOrganizationId, account]);

  const submit = async (e: FormEvent | null, override = false) => {
    e?.preventDefault();
    setError(null);
    setSaved(false);
    const body = {
      kind,
      title,
      description: description || null,
      chairId: chair?.id ?? null,
      secretaryIds: secretaries.map((s) => s.id),
      visibility,
      scheduledStart: start,
      scheduledEnd: end,
      overrideConflicts: override,
    };
    try {
      const result = meeting
        ? await call('meetings.update', { params: { id: meeting.id }, body: { ...body, version: meeting.version } })
        : await call('meetings.create', { body: { ...body, hostOrganizationId: host?.id ?? '' } });
      setConflicts([]);
      setSaved(true);
      if (meeting) onSaved?.(result.meeting);
      else navigate(`/meetings/${result.meeting.id}`);
    } catch (err) {
      // a clash is listed in a dialog whose "Vẫn lên lịch" sends the same form again with the override
      if (override) throw err;
      const clash = conflictsOf(err);
      if (clash) setConflicts(clash);
      else setError(err);
    }
  };
  const fieldError = (f: string) => fieldErrorText(error, f, t);

  return (
    <form className="card stack" onSubmit={(e) => void submit(e)} data-testid="meeting-form">
      <div className="grid2">
        <label>
          {t('meetings.kind')}
          <select data-testid="meeting-kind" value={kind} onChange={(e) => setKind(e.target.value as MeetingKind)}>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`meetingKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('meetings.visibility')}
          <select value={visibility} onChange={(e) => setVisibility(e.target.value as Visibility)}>
            <option value="restricted">{t('meetings.restricted')}</option>
            <option value="public">{t('meetings.public')}</option>
          </select>
        </label>
      </div>
      <label>
        {t('meetings.name')}
        <input data-testid="meeting-title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={500} />
        <small className="field-error">{fieldError('title')}</small>
      </label>
      <label>
        {t('meetings.description')}
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      </label>
      <div className="grid2">
        <label>
          {t('meetings.start')} (GMT+7)
          <input data-testid="meeting-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
          <small className="field-error">{fieldError('scheduledStart')}</small>
        </label>
        <label>
          {t('meetings.end')} (GMT+7)
          <input data-testid="meeting-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} required />
          <small className="field-error">{fieldError('scheduledEnd')}</small>
        </label>
      </div>
      <div className="grid2">
        <label>
          {t('meetings.host')}
          {meeting ? <span>{meeting.hostOrganizationName}</span> : <OrgPicker value={host} onChange={setHost} testId="meeting-host" />}
        </label>
        <label>
          {t('meetings.chair')}
          <PersonPicker value={chair} onChange={setChair} testId="meeting-chair" />
        </label>
      </div>
      <label>
        {t('meetings.secretaries')}
        <div className="chips">
          {secretaries.map((s) => (
            <span key={s.id} className="chip">
              <Name text={s.fullName} />
              <button type="button" className="link" onClick={() => setSecretaries(secretaries.filter((x) => x.id !== s.id))}>
                ×
              </button>
            </span>
          ))}
          <PersonPicker value={null} onChange={(p) => p && !secretaries.some((s) => s.id === p.id) && setSecretaries([...secretaries, p])} />
        </div>
      </label>
      {conflicts.length > 0 && <ConflictDialog conflicts={conflicts} onOverride={() => submit(null, true)} onClose={() => setConflicts([])} />}
      <ErrorBanner error={error} labels={{ title: t('meetings.name') }} />
      {saved && <span className="banner ok">{t('common.saved')}</span>}
      <button className="primary" data-testid="meeting-save" disabled={!host}>
        {t('common.save')}
      </button>
    </form>
  );
}
