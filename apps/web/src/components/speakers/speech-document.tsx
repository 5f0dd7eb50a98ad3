import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SpeechRequest } from '@app/contracts';
import { postForm } from '../../api/http';
import { ErrorBanner } from '../ui';

/** The file types a tham luận may be (those the documents accept). */
export const SPEECH_DOCUMENT_ACCEPT = '.pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg';

/** A prepared contribution's uploaded document, opened in the viewer (for the chair and the secretaries). */
export function SpeechDocumentLink({ meetingId, request }: { meetingId: string; request: SpeechRequest }) {
  const { t } = useTranslation();
  if (!request.documentId) return null;
  return (
    <div className="small">
      <Link to={`/meetings/${meetingId}/documents/${request.documentId}`} data-testid="speech-document">
        {t('speechDocument.open')}
      </Link>
    </div>
  );
}

/** Sends a tham luận document for one of the site's own prepared contributions. */
export function uploadSpeechDocument(meetingId: string, requestId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return postForm('documents.speechUpload', { id: meetingId, requestId }, form);
}

/** On the site's console: the document of one of its open prepared contributions, sent or replaced. */
export function SpeechDocumentUpload({ meetingId, request }: { meetingId: string; request: SpeechRequest }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const send = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await uploadSpeechDocument(meetingId, request.id, file);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="small stack">
      <span data-testid="speech-document-state">{request.documentId ? t('speechDocument.sent') : t('speechDocument.none')}</span>
      <label className="inline">
        <span className="button">{busy ? t('documents.form.uploading') : request.documentId ? t('speechDocument.replace') : t('speechDocument.add')}</span>
        <input ref={input} className="sr-only" type="file" accept={SPEECH_DOCUMENT_ACCEPT} disabled={busy} data-testid="speech-document-file" onChange={(e) => void send(e.target.files?.[0])} />
      </label>
      <ErrorBanner error={error} />
    </div>
  );
}
