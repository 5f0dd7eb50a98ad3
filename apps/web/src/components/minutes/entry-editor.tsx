import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesEntry, MeetingSnapshot } from '@app/contracts';
import { HttpError, call } from '../../api/http';
import { connectSocket } from '../../api/socket';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { fmtTime } from '../../i18n';
import { fmtDate } from '../../i18n';

/** One entry of the minutes: autosaved a moment after typing stops, with a version check against the other secretaries. */
export function EntryEditor({ entry, editable, state, editingBy }: { entry: MinutesEntry; editable: boolean; state: MeetingSnapshot; editingBy: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry.text);
  const [version, setVersion] = useState(entry.version);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState(false);
  const dirty = useRef(false);
  const base = `/meetings/${state.meeting.id}/minutes`;

  // Someone else's saved edit replaces ours only when we have nothing unsaved.
  useEffect(() => {
    if (entry.version > version && !dirty.current) {
      setText(entry.text);
      setVersion(entry.version);
    }
  }, [entry.version, entry.text, version]);

  // Autosave a moment after typing stops.
  useEffect(() => {
    if (!dirty.current) return;
    const timer = setTimeout(async () => {
      setSaving('saving');
      try {
        const saved = await call('minutes.updateEntry', { params: { id: state.meeting.id, entryId: entry.id }, body: { version, text } });
        dirty.current = false;
        setVersion(saved.version);
        setConflict(null);
        setSaving('saved');
      } catch (err) {
        if (err instanceof HttpError && err.body.code === 'minutes_entry_stale') {
          const current = err.body.params.entry;
          setConflict(text);
          dirty.current = false;
          setText(current.text);
          setVersion(current.version);
        } else setError(err);
        setSaving('idle');
      }
    }, 700);
    return () => clearTimeout(timer);
  }, [text, version, base, entry.id]);

  const org = (id: string | null) => state.endpoints.find((e) => e.organizationId === id)?.organizationName ?? id ?? '';
  return (
    <div className={`minutes-entry kind-${entry.kind}`} data-testid="minutes-entry" data-kind={entry.kind}>
      <div className="muted small row">
        <span className="badge">{t(`minutes.kinds.${entry.kind}`)}</span>
        {entry.speech && (
          <span>
            {entry.speech.speakerName}
            {entry.speech.speakerPosition ? `, ${entry.speech.speakerPosition}` : ''} · {entry.speech.endpointName} · {fmtTime(entry.speech.startedAt)}–{fmtTime(entry.speech.endedAt)}
          </span>
        )}
        {entry.kind === 'task' && (
          <span>
            {t('minutes.lead')}: <strong>{org(entry.leadOrganizationId)}</strong>
            {entry.coOrganizationIds.length > 0 && ` · ${t('minutes.co')}: ${entry.coOrganizationIds.length}`} {entry.deadline && `· ${t('minutes.deadline')}: ${fmtDate(entry.deadline)}`}
          </span>
        )}
        {editingBy.length > 0 && <span className="editing">✎ {editingBy.join(', ')}</span>}
        {saving === 'saving' && <span>…</span>}
        {saving === 'saved' && <span>✓</span>}
      </div>
      {editable ? (
        <textarea
          data-testid="minutes-text"
          value={text}
          rows={Math.max(2, Math.ceil(text.length / 90))}
          onFocus={() => connectSocket().emit('minutes:editing', { meetingId: state.meeting.id, entryId: entry.id }, () => undefined)}
          onChange={(e) => {
            dirty.current = true;
            setText(e.target.value);
          }}
        />
      ) : (
        <p data-testid="minutes-text-view">{entry.text}</p>
      )}
      {conflict && (
        <div className="banner warn" data-testid="minutes-conflict">
          {t('minutes.conflict')} <em>{conflict}</em>
        </div>
      )}
      {editable && (
        <button className="link danger small" data-testid="minutes-delete" onClick={() => setDeleting(true)}>
          {t('common.delete')}
        </button>
      )}
      <ErrorBanner error={error} />
      {deleting && (
        <ConfirmDialog
          title={t('dialogs.deleteEntryTitle')}
          message={entry.speech ? t('dialogs.deleteEntrySpeech', { name: entry.speech.speakerName }) : t('dialogs.deleteEntryMessage', { kind: t(`minutes.kinds.${entry.kind}`) })}
          confirmLabel={t('common.delete')}
          onConfirm={() => call('minutes.removeEntry', { params: { id: state.meeting.id, entryId: entry.id } })}
          onClose={() => setDeleting(false)}
        />
      )}
    </div>
  );
}
