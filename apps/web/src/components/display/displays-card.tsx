import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPLAY_CODE_LENGTH, type DisplayView, type MeetingSnapshot } from '@app/contracts';
import { call } from '../../api/http';
import { fmtDateTime } from '../../i18n';
import { fieldErrorText } from '../../i18n/errors';
import type { Capabilities } from '../../state/use-capabilities';
import { endpointName } from '../speakers/speakers.util';
import { ConfirmDialog, ErrorBanner } from '../ui';
import '../../styles/display-card.css';

/**
 * "Ghép màn hình" on the meeting page: enter the code a hall screen shows, name it, choose
 * where it stands; the list of paired screens with who paired them, and "Thu hồi".
 * Organizers see every screen and may pair the host hall; an operator its own sites'.
 * `endpointId` narrows it to one site (the endpoint console).
 */
export function DisplaysCard({ state, can, endpointId }: { state: MeetingSnapshot; can: Capabilities['can']; endpointId?: string }) {
  const { t } = useTranslation();
  const meetingId = state.meeting.id;
  const host = state.endpoints.find((e) => e.isHost);
  const hostHall = can('endpoints.manage') || (!!host && can('display.pair', host.id));
  const sites = state.endpoints.filter((e) => !e.isHost && can('display.pair', e.id) && (!endpointId || e.id === endpointId));
  const places = [
    ...(hostHall && (!endpointId || endpointId === host?.id) ? [{ value: host && can('display.pair', host.id) ? host.id : '', label: t('display.hostHall') }] : []),
    ...sites.map((e) => ({ value: e.id, label: endpointName(state, e.id) })),
  ];
  const [displays, setDisplays] = useState<DisplayView[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const load = useCallback(() => call('displays.list', { params: { id: meetingId } }).then(setDisplays, setLoadError), [meetingId]);
  useEffect(() => {
    if (places.length) void load();
  }, [load, places.length]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [place, setPlace] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<DisplayView | null>(null);
  const ids = { code: useId(), name: useId(), place: useId() };
  if (!places.length) return null;
  const chosen = place ?? places[0].value;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const made = await call('displays.pair', { params: { id: meetingId }, body: { code, name, ...(chosen ? { endpointId: chosen } : {}) } });
      setDone(t('display.paired', { name: made.name }));
      setCode('');
      setName('');
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const placeOf = (d: DisplayView) => (d.endpointId && !state.endpoints.find((e) => e.id === d.endpointId)?.isHost ? endpointName(state, d.endpointId) : t('display.hostHall'));
  const shown = endpointId ? displays.filter((d) => d.endpointId === endpointId) : displays;
  const codeError = fieldErrorText(error, 'code', t);
  const nameError = fieldErrorText(error, 'name', t);

  return (
    <div className="card displays-card" data-testid="displays-card">
      <h2>{t('display.cardTitle')}</h2>
      <p className="muted small">{t('display.cardHint')}</p>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-testid="display-pair-form">
        <h3>{t('display.open')}</h3>
        <div className="display-pair-fields">
          <label htmlFor={ids.code}>
            {t('display.code')}
            <input
              id={ids.code}
              data-testid="display-code-input"
              value={code}
              onChange={(e) => setCode(e.target.value.toUpperCase())}
              maxLength={DISPLAY_CODE_LENGTH + 2}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              className="display-code-input"
              aria-invalid={!!codeError}
              required
            />
            {codeError && <small className="field-error">{codeError}</small>}
          </label>
          <label htmlFor={ids.name}>
            {t('display.name')}
            <input id={ids.name} data-testid="display-name-input" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} placeholder={t('display.namePlaceholder')} aria-invalid={!!nameError} required />
            {nameError && <small className="field-error">{nameError}</small>}
          </label>
          <label htmlFor={ids.place}>
            {t('display.place')}
            <select id={ids.place} data-testid="display-place" value={chosen} onChange={(e) => setPlace(e.target.value)}>
              {places.map((p) => (
                <option key={p.value || 'host'} value={p.value}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!codeError && !nameError && <ErrorBanner error={error} />}
        {done && (
          <p className="banner ok" role="status" data-testid="display-paired">
            {done}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy || !code.trim() || !name.trim()} data-testid="display-pair-submit">
            {t('display.pair')}
          </button>
        </div>
      </form>
      <ErrorBanner error={loadError} />
      {shown.length === 0 ? (
        <p className="muted">{t('display.none')}</p>
      ) : (
        <ul className="display-list" data-testid="display-list">
          {shown.map((d) => (
            <li key={d.id} className={d.revokedAt ? 'revoked' : ''} data-testid="display-row">
              <div className="display-row-main">
                <strong>{d.name}</strong> <span className="badge">{placeOf(d)}</span> {d.revokedAt && <span className="badge state-offline">{t('display.revokedBadge')}</span>}
                <div className="muted small">{t('display.pairedBy', { name: d.pairedBy.fullName, time: fmtDateTime(d.pairedAt) })}</div>
                {d.revokedAt && d.revokedBy && <div className="muted small">{t('display.revokedBy', { name: d.revokedBy.fullName, time: fmtDateTime(d.revokedAt) })}</div>}
              </div>
              {!d.revokedAt && (
                <button className="danger" onClick={() => setRevoking(d)} data-testid="display-revoke">
                  {t('display.revoke')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('display.revokeTitle')}
          message={t('display.revokeMessage', { name: revoking.name })}
          confirmLabel={t('display.revoke')}
          onConfirm={() => call('displays.revoke', { params: { id: meetingId, displayId: revoking.id } }).then(load)}
          onClose={() => setRevoking(null)}
        />
      )}
    </div>
  );
}
