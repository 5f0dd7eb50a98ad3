import { VotingConsole } from '../../components/voting/voting-console';
import { usePageTitle } from '../../app/page-title';

/** /meetings/:id/voting — polls: the chair's builder and controls, the sites' counts, the results. */
export default function VotingPage() {
  usePageTitle('voting');
  return <VotingConsole />;
}
