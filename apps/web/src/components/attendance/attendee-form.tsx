import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDEE_ROLES, type AttendeeRole } from '@app/contracts';
import { call } from '../../api/http';

/** Adds one attendee to the endpoint's roster (a walk-in too). */
export function AttendeeForm({ meetingId, endpointId, run, canEdit }: { meetingId: string; endpointId: string; run: (p: Promise<unknown>) => Promise<void>; canEdit: boolean }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ fullName: '', position: '', unit: '', role: 'delegate' as AttendeeRole, walkIn: false });
  const add = async (e: FormEvent) => {
    e.preventDefault();
    await run(call('attendees.create', { params: { id: meetingId, endpointId }, body: { ...form, position: form.position || undefined, unit: form.unit || undefined } }));
    setForm({ ...form, fullName: '', position: '', unit: '' });
  };
  return (
    <form className="card stack" hidden={!canEdit} onSubmit={(e) => void add(e)}>
      <h2>{t('attendees.add')}</h2>
      <input data-testid="attendee-name" aria-label={t('attendees.fullName')} placeholder={t('attendees.fullName')} value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} required />
      <input aria-label={t('attendees.position')} placeholder={t('attendees.position')} value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value })} />
      <input aria-label={t('attendees.unit')} placeholder={t('attendees.unit')} value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} />
      <select aria-label={t('attendees.role')} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AttendeeRole })}>
        {ATTENDEE_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`attendees.roles.${r}`)}
          </option>
        ))}
      </select>
      <label className="inline">
        <input type="checkbox" checked={form.walkIn} onChange={(e) => setForm({ ...form, walkIn: e.target.checked })} /> {t('attendees.walkIn')}
      </label>
      <button className="primary" data-testid="attendee-add">
        {t('common.add')}
      </button>
    </form>
  );
}
