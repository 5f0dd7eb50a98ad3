import { useTranslation } from 'react-i18next';
import { DelegateBallot } from '../../components/voting/delegate-ballot';
import { usePageTitle } from '../../app/page-title';

/** /phieu#<token> — the delegate's phone ballot, public: the fragment is the credential. */
export default function BallotPage() {
  usePageTitle('ballot');
  const { t } = useTranslation();
  const token = window.location.hash.slice(1);
  if (!token) return <main className="ballot">{t('errors.codes.ballot_token_invalid')}</main>;
  return <DelegateBallot token={token} />;
}
