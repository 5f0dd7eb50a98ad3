import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterImportResult, RosterImportRowError } from '@app/contracts';
import { HttpError, call } from '../../api/http';
import { describeFieldError } from '../../i18n/errors';

/** Imports a roster pasted as CSV or uploaded as CSV or XLSX; the rows the server refused are listed with their reason. */
export function RosterImport({ meetingId, endpointId, onError, canEdit }: { meetingId: string; endpointId: string; onError: (err: unknown) => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const [rowErrors, setRowErrors] = useState<RosterImportRowError[]>([]);
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<RosterImportResult | null>(null);
  const importRoster = async (body: { csv: string } | { xlsxBase64: string }) => {
    setRowErrors([]);
    setResult(null);
    try {
      setResult(await call('attendees.import', { params: { id: meetingId, endpointId }, body }));
      setCsv('');
      // a good import leaves no error of an earlier attempt on the page
      onError(null);
    } catch (err) {
      if (err instanceof HttpError && err.body.code === 'invalid_roster') setRowErrors(err.body.params.rows ?? []);
      onError(err);
    }
  };

  return (
    <div className="card stack" hidden={!canEdit}>
      <h2>{t('attendees.paste')}</h2>
      <p className="muted small">{t('attendees.pasteHint')}</p>
      <textarea data-testid="roster-csv" aria-label={t('attendees.paste')} rows={6} value={csv} onChange={(e) => setCsv(e.target.value)} />
      {result && (
        <p className="banner ok" role="status" data-testid="roster-imported">
          {t('endpoint.importDone', { count: result.created.length })} {result.merged > 0 && t('endpoint.merged', { count: result.merged })}
        </p>
      )}
      {rowErrors.length > 0 && (
        <ul className="banner error" data-testid="roster-errors">
          {rowErrors.map((r) => (
            <li key={`${r.line}${r.field}`}>
              {t('attendees.line', { line: r.line })} – {describeFieldError(r, t)}
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button data-testid="roster-import" disabled={!csv.trim()} onClick={() => void importRoster({ csv })}>
          {t('attendees.import')}
        </button>
        <label className="button">
          {t('attendees.upload')}
          <input
            type="file"
            hidden
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (!file) return;
              if (file.name.toLowerCase().endsWith('.xlsx')) {
                void file.arrayBuffer().then((buf) => {
                  let bin = '';
                  new Uint8Array(buf).forEach((b) => (bin += String.fromCharCode(b)));
                  return importRoster({ xlsxBase64: btoa(bin) });
                });
              } else void file.text().then((text) => importRoster({ csv: text }));
            }}
          />
        </label>
      </div>
    </div>
  );
}
