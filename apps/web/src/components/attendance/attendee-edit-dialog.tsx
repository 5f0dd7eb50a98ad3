import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTENDEE_ROLES, type AttendeeRole, type Attendee } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner, Modal } from '../ui';

/** Corrects an attendee's name, position, unit or role (the version is checked: a concurrent edit is refused, not overwritten). */
export function AttendeeEditDialog({ meetingId, attendee, onClose }: { meetingId: string; attendee: Attendee; onClose: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ fullName: attendee.fullName, position: attendee.position ?? '', unit: attendee.unit ?? '', role: attendee.role as AttendeeRole });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('attendees.update', {
        params: { id: meetingId, endpointId: attendee.endpointId, attendeeId: attendee.id },
        body: { version: attendee.version, fullName: form.fullName, position: form.position.trim() || null, unit: form.unit.trim() || null, role: form.role },
      });
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Modal title={t('endpoint.editTitle')} onClose={onClose} testId="attendee-edit-dialog">
      <form className="stack" onSubmit={(e) => void save(e)}>
        <label>
          {t('attendees.fullName')}
          <input data-testid="edit-name" value={form.fullName} onChange={(e) => setForm({ ...form, fullName: e.target.value })} required />
        </label>
        <label>
          {t('attendees.position')}
          <input data-testid="edit-position" value={form.position} onChange={(e) => setForm({ ...form, position: e.target.value })} />
        </label>
        <label>
          {t('attendees.unit')}
          <input value={form.unit} onChange={(e) => setForm({ ...form, unit: e.target.value })} />
        </label>
        <label>
          {t('attendees.role')}
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AttendeeRole })}>
            {ATTENDEE_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`attendees.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <ErrorBanner error={error} />
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            {t('dialogs.back')}
          </button>
          <button className="primary" data-testid="edit-save" disabled={busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
