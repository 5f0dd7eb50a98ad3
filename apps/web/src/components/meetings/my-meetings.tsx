import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Meeting, MyMeetings } from '@app/contracts';
import { call } from '../../api/http';
import { fieldErrorText } from '../../i18n/errors';
import { ErrorBanner } from '../ui';
import { timeRange } from './conflict-dialog';
import { StatusBadge } from './status-badge';
import '../../styles/scheduling.css';

type Part = 'chairing' | 'secretary' | 'operating' | 'organizing' | 'attending';
/** The parts in the order their chips show, each with its label and the page it works in. */
const PARTS: { part: Part; label: string; link: (m: Meeting) => string }[] = [
  { part: 'chairing', label: 'roles.chair', link: (m) => `/meetings/${m.id}/floor` },
  { part: 'secretary', label: 'roles.secretary', link: (m) => `/meetings/${m.id}/minutes` },
  { part: 'operating', label: 'scheduling.operatorRole', link: (m) => `/meetings/${m.id}/console` },
  { part: 'organizing', label: 'scheduling.organizerRole', link: (m) => `/meetings/${m.id}` },
  { part: 'attending', label: 'scheduling.viewerRole', link: (m) => `/meetings/${m.id}/live` },
];

/** Each meeting once, with every part the caller plays in it; "attending" only when it plays no other. */
export function mergeMine(mine: MyMeetings): { meeting: Meeting; parts: Part[] }[] {
  const byId = new Map<string, { meeting: Meeting; parts: Part[] }>();
  for (const { part } of PARTS) {
    for (const m of mine[part]) {
      const row = byId.get(m.id) ?? { meeting: m, parts: [] };
      if (part !== 'attending' || row.parts.length === 0) row.parts.push(part);
      byId.set(m.id, row);
    }
  }
  return [...byId.values()].sort((a, b) => a.meeting.scheduledStart.localeCompare(b.meeting.scheduledStart));
}

/** An operator types the join code of its invitation and lands on that endpoint's console. */
function JoinByCode() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const where = await call('joinCodes.resolve', { body: { code } });
      navigate(`/meetings/${where.meetingId}/console/${where.endpointId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const fieldError = fieldErrorText(error, 'code', t);
  return (
    <form className="card join-code" onSubmit={(e) => void submit(e)} data-testid="join-by-code" noValidate>
      <h2>{t('scheduling.joinTitle')}</h2>
      <p className="muted small">{t('scheduling.joinHint')}</p>
      <div className="row wrap">
        <label className="grow">
          {t('scheduling.joinCode')}
          <input
            data-testid="join-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
            placeholder="ABCD 2345"
            aria-invalid={!!error}
          />
        </label>
        <button className="primary" data-testid="join-submit" disabled={busy || !code.trim()}>
          {t('scheduling.join')}
        </button>
      </div>
      {fieldError ? <small className="field-error" data-testid="join-error">{fieldError}</small> : error ? <div data-testid="join-error"><ErrorBanner error={error} /></div> : null}
    </form>
  );
}

/** The home page: each of my meetings once, with chips for every part I play (each chip opens that part's page); the join-code field for operators. */
export function MyMeetingsView() {
  const { t } = useTranslation();
  const [mine, setMine] = useState<MyMeetings | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void call('meetings.mine').then(setMine, setError), []);
  const rows = mine ? mergeMine(mine) : [];
  return (
    <section>
      <h1>{t('nav.mine')}</h1>
      {/* anyone may be assigned to operate a site (the host's operators often hold other roles), so everyone gets the field */}
      <JoinByCode />
      <ErrorBanner error={error} />
      {!mine && !error && <p>{t('common.loading')}</p>}
      {mine && rows.length > 0 && (
        <ul className="card my-meetings" data-testid="my-meetings">
          {rows.map(({ meeting: m, parts }) => {
            const first = PARTS.find((p) => p.part === parts[0])!;
            return (
              <li key={m.id} data-testid="my-meeting" data-title={m.title}>
                <div className="my-meeting-head">
                  <Link to={first.link(m)} className="my-meeting-title">
                    {m.title}
                  </Link>{' '}
                  <StatusBadge status={m.status} />
                </div>
                <div className="muted small">
                  <span data-testid="my-meeting-time">{timeRange(m.scheduledStart, m.scheduledEnd)}</span> · {m.hostOrganizationName}
                </div>
                <div className="role-chips" data-testid="my-meeting-roles" aria-label={t('scheduling.myRoles')}>
                  {parts.map((part, i) => {
                    const p = PARTS.find((x) => x.part === part)!;
                    return (
                      <span key={part}>
                        {i > 0 && <span className="role-sep" aria-hidden="true"> · </span>}
                        <Link className="chip role-chip" to={p.link(m)}>
                          {t(p.label)}
                        </Link>
                      </span>
                    );
                  })}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {mine && rows.length === 0 && <p className="muted">{t('meetings.noMeetings')}</p>}
    </section>
  );
}
