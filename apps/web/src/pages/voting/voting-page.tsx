import { VotingConsole } from '../../components/voting/voting-console';

/** /meetings/:id/voting — polls: the chair's builder and controls, the sites' counts, the results. */
export default function VotingPage() {
  return <VotingConsole />;
}
