import { Navigate, useParams } from 'react-router-dom';
import { useAuth } from '../../auth/auth';
import { useMeetingState } from '../../state/meeting-context';

/** Opens the console of the endpoint this operator runs, when the link does not name one. */
export function ConsoleRedirect() {
  const { id } = useParams();
  const { account } = useAuth();
  const { state } = useMeetingState();
  if (!state) return null;
  const mine = state.endpoints.find((e) => e.operators.some((o) => o.id === account?.id)) ?? state.endpoints[0];
  return mine ? <Navigate to={`/meetings/${id}/console/${mine.id}`} replace /> : null;
}
