import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { MinutesAction, MinutesEntryKind, MinutesMoveDirection, MinutesRevisionSummary, Organization } from '@app/contracts';
import { call } from '../../api/http';
import { useAuth } from '../../auth/auth';
import { OrgPicker } from '../org-picker';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { fmt, fmtDateTime } from '../../i18n';
import { useMeetingState } from '../../state/meeting-context';
import { useCapabilities } from '../../state/use-capabilities';
import { useMinutesPresence } from '../../state/use-minutes-presence';
import { EntryEditor, type InsertableKind } from './entry-editor';
import '../../styles/minutes.css';

/** Where focus goes once a move or an insert has come back as an event: the same control of that entry. */
type FocusWanted = { entryId: string; position: number; target: 'text' | 'up' | 'down' };

/** The live minutes: entries, their workflow (submit, approve, publish), tasks and the published revisions. */
export function MinutesEditor() {
  const { id } = useParams();
  const { t } = useTranslation();
  const { account } = useAuth();
  const { state, error, viewer } = useMeetingState();
  const { can } = useCapabilities(state, viewer);
  const others = useMinutesPresence(id);
  const [actionError, setActionError] = useState<unknown>(null);
  const [revisions, setRevisions] = useState<MinutesRevisionSummary[]>([]);
  const [task, setTask] = useState<{ text: string; lead: Organization | null; co: Organization[]; deadline: string }>({ text: '', lead: null, co: [], deadline: '' });
  const [correcting, setCorrecting] = useState(false);
  const [announce, setAnnounce] = useState('');
  const focusWanted = useRef<FocusWanted | null>(null);
  const status = state?.minutes.status;
  const revision = state?.minutes.revision;
  const entries = state?.minutes.entries;
  // Focus follows the entry: once the state shows it where the server put it, the same control gets focus again.
  // read through a ref: the event may arrive before the HTTP answer, and the answer's callback holds an older render
  const latest = useRef(entries);
  latest.current = entries;
  const followFocus = useCallback(() => {
    const want = focusWanted.current;
    const entries = latest.current;
    const at = entries?.findIndex((e) => e.id === want?.entryId) ?? -1;
    if (!want || at < 0 || entries![at].position !== want.position) return;
    focusWanted.current = null;
    const box = document.querySelector<HTMLElement>(`[data-entry-id="${want.entryId}"]`);
    const button = want.target === 'text' ? null : box?.querySelector<HTMLButtonElement>(`[data-testid=minutes-move-${want.target}]`);
    (button && !button.disabled ? button : box?.querySelector<HTMLElement>('[data-testid=minutes-text]'))?.focus();
    setAnnounce(t('minutesShaping.moved', { kind: t(`minutes.kinds.${entries![at].kind}`), n: at + 1 }));
  }, [t]);
  useEffect(followFocus, [followFocus, entries]);
  useEffect(() => {
    if (id) void call('minutes.revisions', { params: { id } }).then(setRevisions);
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
  const editable = can('minutes.edit') && status === 'draft' && state.meeting.status !== 'cancelled';
  const correction = state.minutes.correction;
  const run = (p: Promise<unknown>) => {
    setActionError(null);
    void p.catch(setActionError);
  };
  const add = (kind: Exclude<MinutesEntryKind, 'speech' | 'task'>) => run(call('minutes.addEntry', { params: { id: state.meeting.id }, body: { kind, text: '' } }));
  const insertAfter = (afterEntryId: string, kind: InsertableKind) =>
    run(
      call('minutes.addEntry', { params: { id: state.meeting.id }, body: { kind, text: '', afterEntryId } }).then((e) => {
        focusWanted.current = { entryId: e.id, position: e.position, target: 'text' };
        followFocus();
      }),
    );
  const move = (entryId: string, direction: MinutesMoveDirection, from: FocusWanted['target']) =>
    run(
      call('minutes.moveEntry', { params: { id: state.meeting.id, entryId }, body: { direction } }).then((e) => {
        focusWanted.current = { entryId, position: e.position, target: from };
        followFocus();
      }),
    );
  const actions: [MinutesAction, boolean][] = [
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
              <button key={action} className="primary" data-testid={`minutes-${action}`} onClick={() => run(call('minutes.transition', { params: { id: state.meeting.id }, body: { action } }))}>
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
      <p className="sr-only" aria-live="polite" data-testid="minutes-announce">
        {announce}
      </p>
      {status === 'in_review' && (
        <div className="banner warn" role="status" data-testid="minutes-readonly">
          {t('minutesShaping.inReview')}
        </div>
      )}
      {status === 'approved' && (
        <div className="banner warn" role="status" data-testid="minutes-readonly">
          {t('minutesShaping.approved')}
        </div>
      )}
      {status === 'published' && (
        <div className="banner warn minutes-published" role="status" data-testid="minutes-readonly">
          <span>{t('minutesShaping.published', { n: revision })}</span>
          {can('minutes.edit') && state.meeting.status !== 'cancelled' && (
            <button className="primary" data-testid="minutes-start-correction" onClick={() => setCorrecting(true)}>
              {t('minutesShaping.startCorrection')}
            </button>
          )}
        </div>
      )}
      {correction && status !== 'published' && (
        <div className="banner ok minutes-correcting" role="status" data-testid="minutes-correcting">
          {t('minutesShaping.correcting', { n: correction.revision, reason: correction.reason, name: correction.startedByName, time: fmtDateTime(correction.startedAt) })}
        </div>
      )}
      {correcting && (
        <ConfirmDialog
          testId="correction-dialog"
          title={t('minutesShaping.correctionTitle')}
          message={t('minutesShaping.correctionMessage', { n: revision, next: (revision ?? 0) + 1 })}
          confirmLabel={t('minutesShaping.startCorrection')}
          reasonLabel={t('minutesShaping.reason')}
          onConfirm={(reason) => call('minutes.startCorrection', { params: { id: state.meeting.id }, body: { reason } })}
          onClose={() => setCorrecting(false)}
        />
      )}
      <div className="columns">
        <div className="card minutes" data-testid="minutes">
          {state.minutes.entries.length === 0 && <p className="muted">{t('minutes.empty')}</p>}
          {state.minutes.entries.map((e, i, all) => (
            <EntryEditor
              key={e.id}
              entry={e}
              index={i + 1}
              count={all.length}
              editable={editable}
              state={state}
              editingBy={editingBy.get(e.id) ?? []}
              onMove={(direction, from) => move(e.id, direction, from)}
              onInsert={(kind) => insertAfter(e.id, kind)}
            />
          ))}
          {editable && (
            <div className="row">
              <button data-testid="minutes-add-heading" onClick={() => add('heading')}>+ {t('minutes.kinds.heading')}</button>
              <button data-testid="minutes-add-note" onClick={() => add('note')}>+ {t('minutes.kinds.note')}</button>
              <button data-testid="minutes-add-conclusion" onClick={() => add('conclusion')}>+ {t('minutes.kinds.conclusion')}</button>
              <button onClick={() => run(call('minutes.addSpeechRecord', { params: { id: state.meeting.id }, body: {} }))}>+ {t('minutes.lastSpeech')}</button>
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
                    call('minutes.addEntry', { params: { id: state.meeting.id }, body: { kind: 'task', text: task.text, leadOrganizationId: task.lead?.id, coOrganizationIds: task.co.map((o) => o.id), deadline: task.deadline || null } }).then(() =>
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
                <li key={r.number} data-testid="minutes-revision">
                  <Link to={`${base}/revisions/${r.number}`}>{t('minutes.revision', { n: r.number })}</Link> — {r.publishedByName}, {fmt(r.publishedAt)} <code className="small">{r.contentHash.slice(0, 12)}</code>
                  {r.correction && (
                    <div className="muted small" data-testid="minutes-revision-correction">
                      {t('minutesShaping.correctionOf', { n: r.correction.revision, reason: r.correction.reason, name: r.correction.startedByName, time: fmtDateTime(r.correction.startedAt) })}
                    </div>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </div>
      </div>
    </section>
  );
}
