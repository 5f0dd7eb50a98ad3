import { useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_ACCESS, DOCUMENT_KINDS, DOCUMENT_MARKINGS, DOCUMENT_TYPES, isDocumentMime, type MeetingDocument, type MeetingSnapshot } from '@app/contracts';
import { call, download, postForm } from '../../api/http';
import { fmtDateTime } from '../../i18n';
import type { Capabilities } from '../../state/use-capabilities';
import { useDocuments } from '../../state/use-documents';
import { endpointName } from '../speakers/speakers.util';
import { ErrorBanner } from '../ui';
import '../../styles/documents.css';


const sizeText = (bytes: number, t: (k: string, o: Record<string, string>) => string) =>
  bytes < 1024 * 1024 ? t('documents.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN') }) : t('documents.size', { size: (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) });

/**
 * "Tài liệu họp" on the meeting page: the documents the caller may read, grouped by agenda item
 * (the meeting's own first), each with its kind, marking, versions, "Xem" (PDFs, in the viewer)
 * and "Tải về"; organizers and secretaries add documents and replace them with a new version.
 * The list follows the meeting live (useDocuments).
 */
export function DocumentsCard({ state, can }: { state: MeetingSnapshot; can: Capabilities['can'] }) {
  const { t } = useTranslation();
  const meetingId = state.meeting.id;
  const { documents, error, reload } = useDocuments(meetingId);
  const manage = can('documents.manage');
  const items = state.agenda.sessions.flatMap((s) => s.items);
  const groups = [{ id: null as string | null, title: t('documents.general') }, ...items.map((i) => ({ id: i.id as string | null, title: i.title }))];
  const orphans = (documents ?? []).filter((d) => d.agendaItemId && !items.some((i) => i.id === d.agendaItemId));
  return (
    <div className="card documents-card" data-testid="documents-card">
      <h2>{t('documents.title')}</h2>
      <ErrorBanner error={error} />
      {documents && documents.length === 0 && <p className="muted">{t('documents.empty')}</p>}
      {groups.map((g) => {
        const mine = (documents ?? []).filter((d) => (d.agendaItemId ?? null) === g.id);
        return mine.length ? <DocumentGroup key={g.id ?? 'general'} title={g.title} docs={mine} state={state} manage={manage} onChanged={reload} /> : null;
      })}
      {orphans.length > 0 && <DocumentGroup title={t('documents.unknownItem')} docs={orphans} state={state} manage={manage} onChanged={reload} />}
      {manage && <UploadForm state={state} onDone={reload} />}
    </div>
  );
}

function DocumentGroup({ title, docs, state, manage, onChanged }: { title: string; docs: MeetingDocument[]; state: MeetingSnapshot; manage: boolean; onChanged: () => void }) {
  return (
    <section className="document-group">
      <h3>{title}</h3>
      <ul className="document-list">
        {docs.map((d) => (
          <DocumentRow key={d.id} doc={d} state={state} manage={manage} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}

function DocumentRow({ doc, state, manage, onChanged }: { doc: MeetingDocument; state: MeetingSnapshot; manage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const current = doc.versions[0];
  const ext = current && isDocumentMime(current.mime) ? DOCUMENT_TYPES[current.mime] : 'bin';
  const replace = async () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) return;
    setError(null);
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    try {
      const next = await postForm('documents.replace', { id: doc.meetingId, documentId: doc.id }, form);
      setDone(t('documents.form.replaced', { title: doc.title, version: next.currentVersion }));
      if (file.current) file.current.value = '';
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <li className="document-row" data-testid="document-row" data-document-id={doc.id}>
      <div className="document-head">
        <span className="badge">{t(`documents.kinds.${doc.kind}`)}</span>
        {doc.marking !== 'none' && <span className={`badge marking marking-${doc.marking}`} data-testid="document-marking">{t(`documents.markings.${doc.marking}`)}</span>}
        <strong data-testid="document-title">{doc.title}</strong>
        <span className="muted small">
          {t('documents.version', { version: doc.currentVersion })} · {current ? `${ext.toUpperCase()} · ${sizeText(current.size, t)}` : ''}
        </span>
      </div>
      <div className="muted small">
        {doc.access !== 'all_invited' && (
          <span>
            {t(`documents.access.${doc.access}`)}
            {doc.access === 'named_endpoints' && `: ${doc.endpointIds.map((id) => endpointName(state, id)).join(', ')}`} ·{' '}
          </span>
        )}
        {doc.releaseAt && <span>{t('documents.releaseAt', { time: fmtDateTime(doc.releaseAt) })}</span>}
      </div>
      <div className="row">
        {(current?.mime === 'application/pdf' || doc.conversion === 'done') && (
          <Link className="button" to={`/meetings/${doc.meetingId}/documents/${doc.id}`} data-testid="document-open">
            {t('documents.open')}
          </Link>
        )}
        <button onClick={() => void download(call('documents.download', { params: { id: doc.meetingId, documentId: doc.id }, query: {} }), `${doc.title}.${ext}`).catch(setError)} data-testid="document-download">
          {t('documents.download')}
        </button>
        {manage && (
          <label className="button replace">
            {t('documents.replace')}
            <input type="file" className="sr-only" ref={file} data-testid="document-replace-file" onChange={() => void replace()} />
          </label>
        )}
      </div>
      <ErrorBanner error={error} />
      {done && <p className="banner ok" role="status">{done}</p>}
      {doc.versions.length > 1 && (
        <details className="document-versions">
          <summary>{t('documents.versions')}</summary>
          <ol>
            {doc.versions.map((v) => (
              <li key={v.version} data-testid="document-version">
                {t('documents.version', { version: v.version })} — {v.fileName} — {t('documents.uploadedBy', { name: v.uploadedBy?.fullName ?? '', time: fmtDateTime(v.uploadedAt) })}
                {v.replacedAt && <>; {t('documents.replacedBy', { name: v.replacedBy?.fullName ?? '', time: fmtDateTime(v.replacedAt) })}</>}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

function UploadForm({ state, onDone }: { state: MeetingSnapshot; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<(typeof DOCUMENT_KINDS)[number]>('to_trinh');
  const [title, setTitle] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [access, setAccess] = useState<(typeof DOCUMENT_ACCESS)[number]>('all_invited');
  const [endpointIds, setEndpointIds] = useState<string[]>([]);
  const [marking, setMarking] = useState<(typeof DOCUMENT_MARKINGS)[number]>('none');
  const [releaseAt, setReleaseAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const chosen = file.current?.files?.[0];
    if (!chosen || !title.trim()) return;
    setBusy(true);
    setError(null);
    setDone(null);
    // the fields first, then the file: the server checks them before it keeps a byte
    const form = new FormData();
    form.append('kind', kind);
    form.append('title', title.trim());
    if (agendaItemId) form.append('agendaItemId', agendaItemId);
    form.append('access', access);
    if (access === 'named_endpoints') form.append('endpointIds', endpointIds.join(','));
    form.append('marking', marking);
    if (releaseAt) form.append('releaseAt', new Date(releaseAt).toISOString());
    form.append('file', chosen, chosen.name);
    try {
      const doc = await postForm('documents.upload', { id: state.meeting.id }, form);
      setDone(t('documents.form.uploaded', { title: doc.title }));
      setTitle('');
      if (file.current) file.current.value = '';
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const items = state.agenda.sessions.flatMap((s) => s.items);
  return (
    <form className="stack document-upload" onSubmit={(e) => void submit(e)} data-testid="document-upload-form">
      <h3>{t('documents.add')}</h3>
      <div className="document-fields">
        <label htmlFor={`${id}-kind`}>
          {t('documents.form.kind')}
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} data-testid="document-kind">
            {DOCUMENT_KINDS.map((k) => <option key={k} value={k}>{t(`documents.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label htmlFor={`${id}-title`}>
          {t('documents.form.title')}
          <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} required data-testid="document-title-input" />
        </label>
        <label htmlFor={`${id}-item`}>
          {t('documents.form.agendaItem')}
          <select id={`${id}-item`} value={agendaItemId} onChange={(e) => setAgendaItemId(e.target.value)} data-testid="document-item">
            <option value="">{t('documents.form.none')}</option>
            {items.map((i) => <option key={i.id} value={i.id}>{i.title}</option>)}
          </select>
        </label>
        <label htmlFor={`${id}-access`}>
          {t('documents.form.access')}
          <select id={`${id}-access`} value={access} onChange={(e) => setAccess(e.target.value as typeof access)} data-testid="document-access">
            {DOCUMENT_ACCESS.map((a) => <option key={a} value={a}>{t(`documents.access.${a}`)}</option>)}
          </select>
        </label>
        <label htmlFor={`${id}-marking`}>
          {t('documents.form.marking')}
          <select id={`${id}-marking`} value={marking} onChange={(e) => setMarking(e.target.value as typeof marking)} data-testid="document-marking-input">
            {DOCUMENT_MARKINGS.map((m) => <option key={m} value={m}>{t(`documents.markings.${m}`)}</option>)}
          </select>
        </label>
        <label htmlFor={`${id}-release`}>
          {t('documents.form.releaseAt')}
          <input id={`${id}-release`} type="datetime-local" value={releaseAt} onChange={(e) => setReleaseAt(e.target.value)} />
        </label>
      </div>
      {access === 'named_endpoints' && (
        <fieldset className="document-endpoints">
          <legend>{t('documents.form.endpoints')}</legend>
          {state.endpoints.map((ep) => (
            <label key={ep.id} className="check">
              <input type="checkbox" checked={endpointIds.includes(ep.id)} onChange={(e) => setEndpointIds((ids) => (e.target.checked ? [...ids, ep.id] : ids.filter((x) => x !== ep.id)))} />
              {endpointName(state, ep.id)}
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor={`${id}-file`}>
        {t('documents.form.file')}
        <input id={`${id}-file`} type="file" ref={file} required accept=".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg" data-testid="document-file" />
      </label>
      <ErrorBanner error={error} />
      {done && <p className="banner ok" role="status" data-testid="document-uploaded">{done}</p>}
      <div>
        <button type="submit" className="primary" disabled={busy || !title.trim()} data-testid="document-submit">
          {busy ? t('documents.form.uploading') : t('documents.form.submit')}
        </button>
      </div>
    </form>
  );
}
