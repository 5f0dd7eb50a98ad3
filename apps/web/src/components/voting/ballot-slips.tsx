import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import type { MeetingSnapshot } from '@app/contracts';
import { call } from '../../api/http';
import { ErrorBanner } from '../ui';
import { endpointName } from '../speakers/speakers.util';

interface Printed {
  attendeeId: string;
  fullName: string;
  position: string | null;
  url: string;
  qr: string;
}

/**
 * The endpoint console prints a slip per voting member: the personal link and its
 * QR code. The token is in the link's fragment (#...), which a phone never sends
 * to a server, so it is not in any access log. Making slips again voids the old ones.
 */
export function BallotSlips({ state, endpointId }: { state: MeetingSnapshot; endpointId: string }) {
  const { t } = useTranslation();
  const [slips, setSlips] = useState<Printed[]>([]);
  const [error, setError] = useState<unknown>(null);
  const make = async () => {
    setError(null);
    try {
      const made = await call('polls.slips', { params: { id: state.meeting.id, endpointId }, body: {} });
      setSlips(
        await Promise.all(
          made.map(async (s) => {
            const url = `${window.location.origin}${s.path}`;
            return { attendeeId: s.attendeeId, fullName: s.fullName, position: s.position, url, qr: await QRCode.toDataURL(url, { margin: 1, width: 180 }) };
          }),
        ),
      );
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card ballot-slips" data-testid={`slips-${endpointId}`}>
      <h2>
        {t('voting.slips')} — {endpointName(state, endpointId)}
      </h2>
      <p className="muted small">{t('voting.slipsHint')}</p>
      <ErrorBanner error={error} />
      <div className="row">
        <button onClick={() => void make()} data-testid="make-slips">
          {t('voting.makeSlips')}
        </button>
        {slips.length > 0 && <button onClick={() => window.print()}>{t('voting.print')}</button>}
      </div>
      <div className="slips">
        {slips.map((s) => (
          <figure key={s.attendeeId} className="slip" data-testid="slip">
            <img src={s.qr} alt={s.fullName} width={180} height={180} />
            <figcaption>
              <strong>{s.fullName}</strong>
              {s.position && <div>{s.position}</div>}
              <a href={s.url} className="small" data-testid="slip-link">
                {t('voting.ballotTitle')}
              </a>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
