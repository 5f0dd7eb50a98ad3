import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { foldForSearch } from '@app/vietnamese';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { call } from '../../api/http';
import { usePageTitle } from '../../app/page-title';
import { ErrorBanner } from '../../components/ui';
import '../../styles/documents.css';

/** pdf.js, with its worker from our own origin (CSP: worker-src 'self'), loaded only on this page. */
async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

/**
 * /meetings/:id/documents/:documentId: a PDF read in the page, never downloaded as a file. pdf.js
 * draws each page on a canvas and has no scripting layer here (pdf.js runs a PDF's JavaScript only through its viewer's sandbox, which this page does not load), so
 * a document's embedded JavaScript never runs. Search folds accents ("ngan sach" finds "Ngân sách").
 */
export default function DocumentViewerPage() {
  const { t } = useTranslation();
  const { id: meetingId = '', documentId = '' } = useParams();
  const [title, setTitle] = useState<string | null>(null);
  usePageTitle('documentViewer', title);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<number[] | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let alive = true;
    let loading: { destroy(): Promise<void> } | null = null;
    (async () => {
      const doc = await call('documents.get', { params: { id: meetingId, documentId } });
      if (!alive) return;
      setTitle(doc.title);
      const file = await call('documents.download', { params: { id: meetingId, documentId }, query: { as: 'view' } });
      const [pdfjs, bytes] = await Promise.all([loadPdfJs(), file.arrayBuffer()]);
      const task = pdfjs.getDocument({ data: new Uint8Array(bytes), enableXfa: false });
      loading = task;
      const opened = await task.promise;
      if (alive) setPdf(opened);
    })().catch((err: unknown) => alive && setError(err));
    return () => {
      alive = false;
      void loading?.destroy();
    };
  }, [meetingId, documentId]);

  useEffect(() => {
    if (!pdf || !canvas.current) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let alive = true;
    void pdf.getPage(page).then((p) => {
      if (!alive || !canvas.current) return;
      const viewport = p.getViewport({ scale: Math.min(2, (canvas.current.parentElement?.clientWidth ?? 800) / p.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1) });
      canvas.current.width = viewport.width;
      canvas.current.height = viewport.height;
      task = p.render({ canvas: canvas.current, viewport });
      task.promise.catch(() => undefined);
    });
    return () => {
      alive = false;
      task?.cancel();
    };
  }, [pdf, page]);

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!pdf || !query.trim()) return;
    const wanted = foldForSearch(query.trim());
    const found: number[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const content = await (await pdf.getPage(n)).getTextContent();
      const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
      if (foldForSearch(text).includes(wanted)) found.push(n);
    }
    setHits(found);
    if (found.length) setPage(found[0]);
  };

  return (
    <section className="document-viewer" data-testid="document-viewer">
      <div className="page-head">
        <h1 data-testid="viewer-title">{title ?? t('documents.viewer.loading')}</h1>
        <Link className="button" to={`/meetings/${meetingId}`}>{t('documents.viewer.back')}</Link>
      </div>
      <ErrorBanner error={error} />
      {pdf && (
        <div className="viewer-bar">
          <button onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1} data-testid="viewer-prev">{t('documents.viewer.prev')}</button>
          <span data-testid="viewer-page" aria-live="polite">{t('documents.viewer.page', { page, pages: pdf.numPages })}</span>
          <button onClick={() => setPage((p) => Math.min(pdf.numPages, p + 1))} disabled={page >= pdf.numPages} data-testid="viewer-next">{t('documents.viewer.next')}</button>
          <form className="viewer-search" onSubmit={(e) => void search(e)}>
            <input aria-label={t('documents.viewer.search')} placeholder={t('documents.viewer.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="viewer-search" />
            <button type="submit" data-testid="viewer-find">{t('documents.viewer.find')}</button>
          </form>
          {hits && (
            <span data-testid="viewer-hits" role="status">
              {hits.length ? t('documents.viewer.found', { count: hits.length, pages: hits.join(', ') }) : t('documents.viewer.notFound', { query })}
            </span>
          )}
        </div>
      )}
      {!pdf && !error && <p>{t('documents.viewer.loading')}</p>}
      <div>
        <canvas ref={canvas} data-testid="viewer-canvas" aria-label={title ?? ''} />
      </div>
    </section>
  );
}
