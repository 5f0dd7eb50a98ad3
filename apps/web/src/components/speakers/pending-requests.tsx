import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeetingSnapshot, SpeechRequest } from '@app/contracts';
import { ConfirmDialog } from '../ui';
import { call } from '../../api/http';
import type { Capabilities } from '../../state/use-capabilities';
import { Name } from '../name';
import { endpointName } from './speakers.util';
import { SpeechDocumentLink } from './speech-document';
import '../../styles/floor.css';

/** Requests waiting for the chair's approval. */
export function PendingRequests({ state, isChair, can, run }: { state: MeetingSnapshot; isChair: boolean; can: Capabilities['can']; run: (p: Promise<unknown>) => void }) {
  const { t } = useTranslation();
  const pending = state.speakers.requests.filter((r) => r.status === 'pending');
  const [rejecting, setRejecting] = useState<SpeechRequest | null>(null);
  return (
    <div className="card">
      <h2>
        {t('floor.pending')} ({pending.length})
      </h2>
      <ul className="pending floor-rows" data-testid="pending">
        {pending.map((r) => (
          <li key={r.id} className="floor-row" data-testid="pending-item" data-name={r.attendeeName} data-kind={r.kind}>
            <div className="floor-row-main">
              <span className="badge">{t(`floor.kinds.${r.kind}`)}</span> <strong><Name text={r.attendeeName} /></strong> — {endpointName(state, r.endpointId)}
              {r.topic && <div className="muted small"><Name text={r.topic} /></div>}
              {(isChair || can('documents.manage')) && <SpeechDocumentLink meetingId={state.meeting.id} request={r} />}
            </div>
            {(isChair || (r.kind === 'prepared' && can('queue.approve_prepared'))) && (
              <div className="floor-row-actions actions" data-testid="pending-actions">
                <button className="primary" data-testid="approve" onClick={() => run(call('speakers.approve', { params: { id: state.meeting.id, requestId: r.id } }))}>
                  {t('floor.approve')}
                </button>
                <button className="link danger" data-testid="reject" onClick={() => setRejecting(r)}>
                  {t('floor.reject')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {rejecting && (
        <ConfirmDialog
          title={t('dialogs.rejectTitle')}
          message={t(rejecting.topic ? 'dialogs.rejectMessage' : 'dialogs.rejectMessageNoTopic', { name: rejecting.attendeeName, site: endpointName(state, rejecting.endpointId), topic: rejecting.topic })}
          confirmLabel={t('floor.reject')}
          reasonLabel={t('dialogs.rejectReason')}
          onConfirm={(reason) => call('speakers.reject', { params: { id: state.meeting.id, requestId: rejecting.id }, body: { reason } })}
          onClose={() => setRejecting(null)}
        />
      )}
    </div>
  );
}
