import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MinutesDiffEntry, MinutesEntry, MinutesEntryKind, MinutesPresence, MinutesRevision, MinutesRevisionSummary, MeetingSnapshot, Organization } from '@app/contracts';
import { HttpError, del, get, patch, post } from '../api/http';
import { connectSocket } from '../api/socket';
import { useAuth } from '../auth/auth';
import { OrgPicker } from '../components/org-picker';
import { ErrorBanner } from '../components/ui';
import { fmt, fmtTime } from '../i18n';
import { useMeeting } from '../state/use-meeting';
import { useCapabilities } from '../state/use-capabilities';

/** Other secretaries' cursors: who edits which entry, for the last 20 s. */
function usePresence(meetingId: string | undefined) {
  const [others, setOthers] = useState<Record<string, MinutesPresence>>({});
  useEffect(() => {
    if (!meetingId) return;
    const s = connectSocket();
    const on = (p: MinutesPresence) => p.meetingId === meetingId && setOthers((o) => ({ ...o, [p.accountId]: p }));
    s.on('minutes:presence', on);
    return () => void s.off('minutes:presence', on);
  }, [meetingId]);
  return others;
}

function EntryEditor({ entry, editable, state, editingBy }: { entry: MinutesEntry; editable: boolean; state: MeetingSnapshot; editingBy: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(entry.text);
  const [version, setVersion] = useState(entry.version);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<unknown>(null);
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
        const saved = await patch<MinutesEntry>(`${base}/entries/${entry.id}`, { version, text });
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
            {entry.coOrganizationIds.length > 0 && ` · ${t('minutes.co')}: ${entry.coOrganizationIds.length}`} {entry.deadline && `· ${t('minutes.deadline')}: ${entry.deadline}`}
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
        <button className="link danger small" onClick={() => void del(`${base}/entries/${entry.id}`).catch(setError)}>
          {t('common.delete')}
        </button>
      )}
      <ErrorBanner error={error} />
    </div>
  );
}

export function MinutesPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { account } = useAuth();
  const { state, error, viewer } = useMeeting(id);
  const { can } = useCapabilities(state, viewer);
  const others = usePresence(id);
  const [actionError, setActionError] = useState<unknown>(null);
  const [revisions, setRevisions] = useState<MinutesRevisionSummary[]>([]);
  const [task, setTask] = useState<{ text: string; lead: Organization | null; co: Organization[]; deadline: string }>({ text: '', lead: null, co: [], deadline: '' });
  const status = state?.minutes.status;
  const revision = state?.minutes.revision;
  useEffect(() => {
    if (id) void get<MinutesRevisionSummary[]>(`/meetings/${id}/minutes/revisions`).then(setRevisions);
  }, [id, revision]);
  const editingBy = useMemo(() => {
    const map = new Map<string, string[]>();
    Object.values(others)
      .filter((p) => p.accountId !== account?.id && p.entryId && Date.now() - p.at < 20_000)
      .forEach((p) => map.set(p.entryId!, [...(map.get(p.entryId!) ?? []), p.fullName]));
    return map;
  }, [others, account?.id]);
  if (error) return <ErrorBanner error={error} />;
  if (!state) return <p>{t('common.loading')}</p>;
  const base = `/meetings/${state.meeting.id}/minutes`;
  const editable = can('minutes.edit') && (status === 'draft' || status === 'in_review' || status === 'published') && state.meeting.status !== 'cancelled';
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  const add = (kind: Exclude<MinutesEntryKind, 'speech' | 'task'>) => run(post(`${base}/entries`, { kind, text: '' }));
  const actions: [string, boolean][] = [
    ['submit', can('minutes.submit') && status === 'draft'],
    ['approve', can('minutes.approve') && status === 'in_review'],
    ['reopen', can('minutes.reopen') && (status === 'in_review' || status === 'approved')],
    ['publish', can('minutes.publish') && status === 'approved'],
  ];

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>
            <Link to={`/meetings/${state.meeting.id}`}>{state.meeting.title}</Link> — {t('minutes.title')}
          </h1>
          <span className="badge" data-testid="minutes-status">
            {t(`minutes.statuses.${status}`)}
          </span>{' '}
          {revision ? <span className="muted">{t('minutes.revision', { n: revision })}</span> : null}
        </div>
        <div className="row">
          {actions
            .filter(([, allowed]) => allowed)
            .map(([action]) => (
              <button key={action} className="primary" data-testid={`minutes-${action}`} onClick={() => run(post(`${base}/transitions`, { action }))}>
                {t(`minutes.actions.${action}`)}
              </button>
            ))}
          {['ended', 'minutes_published'].includes(state.meeting.status) && (
            <Link className="button" to={`/meetings/${state.meeting.id}/report`} data-testid="open-report">
              {t('report.open')}
            </Link>
          )}
          <Link className="button" to="/tasks">
            {t('nav.tasks')}
          </Link>
        </div>
      </div>
      <ErrorBanner error={actionError} />
      <div className="columns">
        <div className="card minutes" data-testid="minutes">
          {state.minutes.entries.length === 0 && <p className="muted">{t('minutes.empty')}</p>}
          {state.minutes.entries.map((e) => (
            <EntryEditor key={e.id} entry={e} editable={editable} state={state} editingBy={editingBy.get(e.id) ?? []} />
          ))}
          {editable && (
            <div className="row">
              <button data-testid="minutes-add-heading" onClick={() => add('heading')}>+ {t('minutes.kinds.heading')}</button>
              <button data-testid="minutes-add-note" onClick={() => add('note')}>+ {t('minutes.kinds.note')}</button>
              <button data-testid="minutes-add-conclusion" onClick={() => add('conclusion')}>+ {t('minutes.kinds.conclusion')}</button>
              <button onClick={() => run(post(`${base}/speech-records`, {}))}>+ {t('minutes.lastSpeech')}</button>
            </div>
          )}
        </div>
        <div>
          {editable && (
            <div className="card stack">
              <h2>{t('minutes.newTask')}</h2>
              <textarea placeholder={t('minutes.taskText')} value={task.text} onChange={(e) => setTask({ ...task, text: e.target.value })} />
              <label>
                {t('minutes.lead')}
                <OrgPicker value={task.lead} onChange={(lead) => setTask({ ...task, lead })} />
              </label>
              <label>
                {t('minutes.co')}
                <div className="chips">
                  {task.co.map((o) => (
                    <span key={o.id} className="chip">
                      {o.shortName ?? o.name}
                      <button type="button" className="link" onClick={() => setTask({ ...task, co: task.co.filter((x) => x.id !== o.id) })}>
                        ×
                      </button>
                    </span>
                  ))}
                  <OrgPicker value={null} onChange={(o) => o && setTask({ ...task, co: [...task.co, o] })} />
                </div>
              </label>
              <label>
                {t('minutes.deadline')}
                <input type="date" value={task.deadline} onChange={(e) => setTask({ ...task, deadline: e.target.value })} />
              </label>
              <button
                className="primary"
                disabled={!task.lead || !task.text.trim()}
                onClick={() =>
                  run(
                    post(`${base}/entries`, { kind: 'task', text: task.text, leadOrganizationId: task.lead?.id, coOrganizationIds: task.co.map((o) => o.id), deadline: task.deadline || null }).then(() =>
                      setTask({ text: '', lead: null, co: [], deadline: '' }),
                    ),
                  )
                }
              >
                {t('common.add')}
              </button>
            </div>
          )}
          <div className="card">
            <h2>{t('minutes.revisions')}</h2>
            <ul>
              {revisions.map((r) => (
                <li key={r.number}>
                  <Link to={`${base}/revisions/${r.number}`}>{t('minutes.revision', { n: r.number })}</Link> — {r.publishedByName}, {fmt(r.publishedAt)} <code className="small">{r.contentHash.slice(0, 12)}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </section>
  );
}

export function RevisionPage() {
  const { id, number } = useParams();
  const { t } = useTranslation();
  const [revision, setRevision] = useState<MinutesRevision | null>(null);
  const [diff, setDiff] = useState<MinutesDiffEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const n = Number(number);
  useEffect(() => {
    void get<MinutesRevision>(`/meetings/${id}/minutes/revisions/${n}`).then(setRevision, setError);
    if (n > 1) void get<MinutesDiffEntry[]>(`/meetings/${id}/minutes/revisions/${n - 1}/diff/${n}`).then(setDiff, setError);
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
