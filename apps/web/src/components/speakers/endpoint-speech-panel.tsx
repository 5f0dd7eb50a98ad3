import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { POINT_OF_ORDER_CATEGORIES, SPEECH_KINDS, orderQueue, type MeetingSnapshot, type SpeechKind, type SpeechRequest } from '@app/contracts';
import { call } from '../../api/http';
import { ConfirmDialog, ErrorBanner } from '../ui';
import { currentLang } from '../../i18n';
import { agendaItems } from './speakers.util';
import { Name, plainName } from '../name';
import { SPEECH_DOCUMENT_ACCEPT, SpeechDocumentUpload, uploadSpeechDocument } from './speech-document';

/** On the endpoint console: ask for the floor for a checked-in attendee, and follow one's own requests. */
export function EndpointSpeechPanel({ state, endpointId }: { state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const present = state.attendees.filter((a) => a.endpointId === endpointId && (a.status === 'present' || a.status === 'late' || a.status === 'expected'));
  const [attendeeId, setAttendeeId] = useState('');
  const [kind, setKind] = useState<SpeechKind>('contribution');
  const [topic, setTopic] = useState('');
  const [minutes, setMinutes] = useState(state.speakers.settings.defaultMinutes);
  const [category, setCategory] = useState(2);
  const [agendaItemId, setAgendaItemId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [document, setDocument] = useState<File | null>(null);
  const [withdrawing, setWithdrawing] = useState<SpeechRequest | null>(null);
  const order = orderQueue(state.speakers.requests, state.speakers.turns, state.speakers.settings);
  const mine = state.speakers.requests.filter((r) => r.endpointId === endpointId && r.status !== 'withdrawn');
  const base = `/meetings/${state.meeting.id}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const request = await call('speakers.request', { params: { id: state.meeting.id }, body: {
        endpointId,
        attendeeId: attendeeId || present[0]?.id,
        kind,
        topic: topic || undefined,
        requestedMinutes: minutes,
        agendaItemId: agendaItemId || null,
        ...(kind === 'point_of_order' ? { categoryRank: category } : {}),
      } });
      setTopic('');
      // the tham luận's document goes with the request, once the request exists
      if (kind === 'prepared' && document) {
        await uploadSpeechDocument(state.meeting.id, request.id, document);
        setDocument(null);
      }
    } catch (err) {
      setError(err);
    }
  };
  // the request's place in the queue, live: every committed change to the queue reaches this console and reorders it
  const speaking = state.speakers.turns.some((x) => x.endedAt === null);
  const place = (r: SpeechRequest) => {
    const i = order.findIndex((x) => x.id === r.id);
    if (i < 0) return null;
    const ahead = i + (speaking ? 1 : 0);
    return (
      <div className="my-position small" data-testid="my-position" data-place={i + 1}>
        {t('endpoint.position', { place: i + 1, total: order.length })}
        {ahead > 0 && ` · ${t('endpoint.ahead', { count: ahead })}`}
      </div>
    );
  };
  return (
    <div className="card stack" data-testid="speech-panel">
      <h2>{t('floor.request')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <select data-testid="speech-attendee" aria-label={t('a11y.speaker')} value={attendeeId} onChange={(e) => setAttendeeId(e.target.value)}>
          {present.map((a) => (
            <option key={a.id} value={a.id}>
              {/* an <option> holds only text: the controls are stripped instead of isolated */}
              {plainName(a.fullName)}
              {a.position ? ` — ${plainName(a.position)}` : ''}
            </option>
          ))}
        </select>
        <select data-testid="speech-kind" aria-label={t('a11y.speechKind')} value={kind} onChange={(e) => setKind(e.target.value as SpeechKind)}>
          {SPEECH_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`floor.kinds.${k}`)}
            </option>
          ))}
        </select>
        {kind === 'point_of_order' && (
          <select aria-label={t('a11y.pointCategory')} value={category} onChange={(e) => setCategory(Number(e.target.value))}>
            {POINT_OF_ORDER_CATEGORIES.map((c) => (
              <option key={c.rank} value={c.rank}>
                {currentLang() === 'vi' ? c.vi : c.en}
              </option>
            ))}
          </select>
        )}
        {agendaItems(state).length > 0 && (
          <select aria-label={t('floor.agendaItem')} value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)}>
            <option value="">{t('floor.agendaItem')}: —</option>
            {agendaItems(state).map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        )}
        <input data-testid="speech-topic" aria-label={t('a11y.topic')} placeholder={t('floor.topic')} value={topic} onChange={(e) => setTopic(e.target.value)} />
        {kind === 'prepared' && (
          <label className="stack small">
            {t('speechDocument.file')}
            <input key={document ? 'chosen' : 'empty'} type="file" accept={SPEECH_DOCUMENT_ACCEPT} data-testid="speech-document-input" onChange={(e) => setDocument(e.target.files?.[0] ?? null)} />
          </label>
        )}
        <label className="inline">
          <input className="narrow" type="number" min={1} max={60} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} /> {t('agenda.minutes')}
        </label>
        <ErrorBanner error={error} />
        <button className="primary" data-testid="speech-submit" disabled={!present.length}>
          {t('floor.ask')}
        </button>
      </form>
      <ul className="my-requests" data-testid="my-requests">
        {mine.map((r) => (
          <li key={r.id} data-testid="my-request" data-status={r.status}>
            <strong>
              <Name text={r.attendeeName} />
            </strong>{' '}
            · {t(`floor.kinds.${r.kind}`)} · <span className="badge">{t(`floor.statuses.${r.status}`)}</span>
            {place(r)}
            {(r.status === 'pending' || r.status === 'queued') && (
              <button className="link" data-testid="withdraw" onClick={() => setWithdrawing(r)}>
                {t('floor.withdraw')}
              </button>
            )}
            {r.kind === 'prepared' && (r.status === 'pending' || r.status === 'queued') && <SpeechDocumentUpload meetingId={state.meeting.id} request={r} />}
            {r.rejectReason && <div className="muted small">{r.rejectReason}</div>}
          </li>
        ))}
      </ul>
      {withdrawing && (
        <ConfirmDialog
          title={t('dialogs.withdrawTitle')}
          message={t('dialogs.withdrawMessage', { name: withdrawing.attendeeName })}
          confirmLabel={t('floor.withdraw')}
          onConfirm={() => call('speakers.withdraw', { params: { id: state.meeting.id, requestId: withdrawing.id } })}
          onClose={() => setWithdrawing(null)}
        />
      )}
    </div>
  );
}
