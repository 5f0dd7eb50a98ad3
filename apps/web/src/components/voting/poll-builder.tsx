import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAJORITY_PRESETS, POLL_MODES, type CreatePollRequest, type MajorityPreset, type MeetingSnapshot, type PollMode } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { agendaItems, endpointName } from '../speakers/speakers.util';

type Kind = 'standard' | 'custom' | 'election';
const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** The organizer's or chair's form for a new poll on an agenda item, before the meeting or on the spot. */
export function PollBuilder({ state, onCreated }: { state: MeetingSnapshot; onCreated?: () => void }) {
  const { t } = useTranslation();
  const [question, setQuestion] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [kind, setKind] = useState<Kind>('standard');
  const [options, setOptions] = useState('');
  const [maxChoices, setMaxChoices] = useState(1);
  const [secret, setSecret] = useState(false);
  const [mode, setMode] = useState<PollMode>('delegate');
  const [sites, setSites] = useState<string[]>([]);
  const [preset, setPreset] = useState<Exclude<MajorityPreset, 'custom'>>('majority_members');
  const [quorum, setQuorum] = useState(true);
  const [countdown, setCountdown] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const body: CreatePollRequest = {
      question,
      agendaItemId: agendaItemId || null,
      choices: kind === 'standard' ? { kind } : kind === 'custom' ? { kind, options: lines(options), withAbstain: true } : { kind, candidates: lines(options), maxChoices },
      secret,
      mode: kind === 'election' ? 'delegate' : mode,
      siteEndpointIds: mode === 'mixed' ? sites : [],
      rule: { preset },
      quorum: quorum ? { numerator: 1, denominator: 2, strict: true } : null,
      countdownSeconds: countdown ? Number(countdown) : null,
    };
    try {
      await call('polls.create', { params: { id: state.meeting.id }, body });
      setQuestion('');
      setOptions('');
      onCreated?.();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card poll-builder" onSubmit={submit} data-testid="poll-builder">
      <h2>{t('voting.builder')}</h2>
      <ErrorBanner error={error} labels={{ question: t('voting.question'), siteEndpointIds: t('voting.countingSites'), choices: t('voting.choices') }} />
      <label>
        {t('voting.question')}
        <textarea required value={question} onChange={(e) => setQuestion(e.target.value)} data-testid="poll-question" rows={2} />
      </label>
      <label>
        {t('floor.agendaItem')}
        <select value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
          <option value="">—</option>
          {agendaItems(state).map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('voting.choices')}
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)} data-testid="poll-kind">
          {(['standard', 'custom', 'election'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`voting.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {kind !== 'standard' && (
        <label>
          {t(kind === 'custom' ? 'voting.optionsHint' : 'voting.candidatesHint')}
          <textarea value={options} onChange={(e) => setOptions(e.target.value)} rows={4} data-testid="poll-options" />
        </label>
      )}
      {kind === 'election' && (
        <label>
          {t('voting.maxChoices')}
          <input type="number" min={1} value={maxChoices} onChange={(e) => setMaxChoices(Number(e.target.value))} />
        </label>
      )}
      <label className="inline">
        <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} data-testid="poll-secret" /> {t('voting.secret')}
      </label>
      {kind !== 'election' && (
        <label>
          {t('voting.mode')}
          <select value={mode} onChange={(e) => setMode(e.target.value as PollMode)} data-testid="poll-mode">
            {POLL_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`voting.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {mode === 'mixed' && kind !== 'election' && (
        <fieldset>
          <legend>{t('voting.countingSites')}</legend>
          {state.endpoints.map((e) => (
            <label key={e.id} className="inline">
              <input type="checkbox" checked={sites.includes(e.id)} onChange={(ev) => setSites(ev.target.checked ? [...sites, e.id] : sites.filter((x) => x !== e.id))} /> {endpointName(state, e.id)}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('voting.rule')}
        <select value={preset} onChange={(e) => setPreset(e.target.value as Exclude<MajorityPreset, 'custom'>)} data-testid="poll-rule">
          {MAJORITY_PRESETS.filter((p) => p !== 'custom').map((p) => (
            <option key={p} value={p}>
              {t(`voting.presets.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline">
        <input type="checkbox" checked={quorum} onChange={(e) => setQuorum(e.target.checked)} /> {t('voting.quorum')}
      </label>
      <label>
        {t('voting.countdown')}
        <input type="number" min={10} max={3600} value={countdown} onChange={(e) => setCountdown(e.target.value)} />
      </label>
      <button className="primary" type="submit" disabled={busy} data-testid="poll-create">
        {t('voting.create')}
      </button>
    </form>
  );
}
