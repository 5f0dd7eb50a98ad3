import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesEntry, MinutesEntryKind, MinutesMoveDirection, MeetingSnapshot } from '@app/contracts';
import { HttpError, call } from '../../api/http';
import { connectSocket } from '../../api/socket';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { fmtTime } from '../../i18n';
import { fmtDate } from '../../i18n';

/** The kinds a secretary inserts by hand (speech records come from the floor, tasks from the task form). */
export const INSERTABLE_KINDS = ['heading', 'note', 'conclusion'] as const satisfies readonly Exclude<MinutesEntryKind, 'speech' | 'task'>[];
export type InsertableKind = (typeof INSERTABLE_KINDS)[number];

/**
 * One entry of the minutes: autosaved a moment after typing stops, with a version check against the
 * other secretaries; moved with its buttons or Alt+ArrowUp/Down, and a new entry inserted below it.
 */
export function EntryEditor({
  entry,
  index,
  count,
  editable,
  state,
  editingBy,
  onMove,
  onInsert,
}: {
  entry: MinutesEntry;
  /** 1-based place in the minutes */
  index: number;
  count: number;
  editable: boolean;
  state: MeetingSnapshot;
  editingBy: string[];
  onMove: (direction: MinutesMoveDirection, from: 'text' | 'up' | 'down') => void;
  onInsert: (kind: InsertableKind) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry.text);
  const [version, setVersion] = useState(entry.version);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState(false);
  const [inserting, setInserting] = useState(false);
  const dirty = useRef(false);
  const base = `/meetings/${state.meeting.id}/minutes`;
  const kind = t(`minutes.kinds.${entry.kind}`);

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

  const keyMove = (e: KeyboardEvent<HTMLElement>) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    const direction = e.key === 'ArrowUp' ? 'up' : 'down';
    if ((direction === 'up' && index > 1) || (direction === 'down' && index < count)) onMove(direction, 'text');
  };
  // names, never ids: from the entry itself, else from the meeting's sites
  const orgName = (id: string | null) => (id ? (state.endpoints.find((e) => e.organizationId === id)?.organizationName ?? '') : '');
  const lead = entry.leadOrganizationName ?? orgName(entry.leadOrganizationId);
  const co = entry.coOrganizations?.map((o) => o.name) ?? entry.coOrganizationIds.map(orgName);
  return (
    <div className={`minutes-entry kind-${entry.kind}`} data-testid="minutes-entry" data-kind={entry.kind} data-entry-id={entry.id} role="group" aria-label={t('minutesShaping.entryLabel', { n: index, kind })}>
      <div className="muted small row">
        <span className="badge">{kind}</span>
        {entry.speech && (
          <span>
            {entry.speech.speakerName}
            {entry.speech.speakerPosition ? `, ${entry.speech.speakerPosition}` : ''} · {entry.speech.endpointName} · {fmtTime(entry.speech.startedAt)}–{fmtTime(entry.speech.endedAt)}
          </span>
        )}
        {entry.kind === 'task' && (
          <span data-testid="minutes-task-orgs">
            {t('minutes.lead')}: <strong data-testid="minutes-task-lead">{lead}</strong>
            {co.length > 0 && (
              <>
                {' · '}
                {t('minutes.co')}: <span data-testid="minutes-task-co">{co.join(', ')}</span>
              </>
            )}
            {' · '}
            {t('minutes.deadline')}: {entry.deadline ? fmtDate(entry.deadline) : t('minutesShaping.noDeadline')}
          </span>
        )}
        {editingBy.length > 0 && <span className="editing">✎ {editingBy.join(', ')}</span>}
        {saving === 'saving' && <span>…</span>}
        {saving === 'saved' && <span>✓</span>}
      </div>
      {editable ? (
        <textarea
          data-testid="minutes-text"
          aria-label={t('minutesShaping.entryLabel', { n: index, kind })}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          title={t('minutesShaping.moveHint')}
          value={text}
          rows={Math.max(2, Math.ceil(text.length / 90))}
          onFocus={() => connectSocket().emit('minutes:editing', { meetingId: state.meeting.id, entryId: entry.id }, () => undefined)}
          onKeyDown={keyMove}
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
        <div className="entry-tools" onKeyDown={keyMove}>
          <button type="button" className="link small" data-testid="minutes-move-up" aria-label={t('minutesShaping.moveUpOf', { n: index, kind })} disabled={index === 1} onClick={() => onMove('up', 'up')}>
            <span aria-hidden="true">↑</span> {t('minutesShaping.moveUp')}
          </button>
          <button type="button" className="link small" data-testid="minutes-move-down" aria-label={t('minutesShaping.moveDownOf', { n: index, kind })} disabled={index === count} onClick={() => onMove('down', 'down')}>
            <span aria-hidden="true">↓</span> {t('minutesShaping.moveDown')}
          </button>
          <button type="button" className="link small" data-testid="minutes-insert-below" aria-expanded={inserting} aria-label={t('minutesShaping.insertBelowOf', { n: index })} onClick={() => setInserting(!inserting)}>
            <span aria-hidden="true">+</span> {t('minutesShaping.insertBelow')}
          </button>
          <button type="button" className="link danger small" data-testid="minutes-delete" onClick={() => setDeleting(true)}>
            {t('common.delete')}
          </button>
        </div>
      )}
      {editable && inserting && (
        <div className="entry-insert row" data-testid="minutes-insert-menu">
          {INSERTABLE_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              className="small"
              data-testid={`minutes-insert-${k}`}
              aria-label={t('minutesShaping.insertKind', { kind: t(`minutes.kinds.${k}`), n: index })}
              onClick={() => {
                setInserting(false);
                onInsert(k);
              }}
            >
              + {t(`minutes.kinds.${k}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorBanner error={error} />
      {deleting && (
        <ConfirmDialog
          title={t('dialogs.deleteEntryTitle')}
          message={entry.speech ? t('dialogs.deleteEntrySpeech', { name: entry.speech.speakerName }) : t('dialogs.deleteEntryMessage', { kind })}
          confirmLabel={t('common.delete')}
          onConfirm={() => call('minutes.removeEntry', { params: { id: state.meeting.id, entryId: entry.id } })}
          onClose={() => setDeleting(false)}
        />
      )}
    </div>
  );
}
