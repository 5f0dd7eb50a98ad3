import { useTranslation } from 'react-i18next';
import { fmtTime } from '../../i18n';
import { HallDisplay } from './hall-display';
import { useDisplay } from './use-display';
import '../../styles/display.css';

/** The hall PC's one page: the pairing code, then the meeting, or why it stopped. */
export function DisplayScreen() {
  const { t } = useTranslation();
  const { phase, state, online, offsetMs, restart } = useDisplay();
  if (phase.kind === 'live' && state) return <HallDisplay state={state} self={phase.self} online={online} offsetMs={offsetMs} />;
  return (
    <main className="hall hall-center" data-testid="display-screen" data-phase={phase.kind}>
      {phase.kind === 'pairing' && (
        <div className="hall-pairing">
          <h1>{t('display.pairTitle')}</h1>
          <div className="hall-label">{t('display.codeLabel')}</div>
          <div className="hall-code" data-testid="display-code" aria-label={phase.code.split('').join(' ')}>
            {phase.code}
          </div>
          <p className="hall-hint">{t('display.pairHint')}</p>
          <p className="hall-muted">{t('display.expiresAt', { time: fmtTime(phase.expiresAt) })}</p>
        </div>
      )}
      {phase.kind === 'revoked' && (
        <div className="hall-pairing" role="alert">
          <h1 data-testid="display-revoked">{t('display.revoked')}</h1>
          <p className="hall-hint">{t('display.revokedHint')}</p>
          <button className="hall-button" onClick={restart} data-testid="display-pair-again">
            {t('display.pairAgain')}
          </button>
        </div>
      )}
      {(phase.kind === 'starting' || phase.kind === 'live') && <p className="hall-hint">{t('display.connecting')}</p>}
    </main>
  );
}
