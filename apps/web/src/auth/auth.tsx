import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AccountView, Role } from '@app/contracts';
import { session, type SignOutReason } from '../api/http';
import { connectSocket, disconnectSocket } from '../api/socket';

interface AuthState {
  account: AccountView | null;
  ready: boolean;
  /** why the last sign-in of this tab ended, for the sign-in page */
  endedBecause: SignOutReason | null;
  /** the server could not be reached to restore the sign-in (it is being retried) */
  unreachable: boolean;
}

const AuthContext = createContext<AuthState>({ account: null, ready: false, endedBecause: null, unreachable: false });

/** How often a first load that could not reach the server tries the refresh cookie again. */
const FIRST_LOAD_RETRY_MS = 5_000;

const stateOf = (ready: boolean): AuthState => ({ account: session.value?.account ?? null, ready, endedBecause: session.endedBecause, unreachable: session.unreachable });

/**
 * Restores the sign-in from the refresh cookie on load, and follows every change of session.
 * A load while the server cannot be reached shows the sign-in page saying so, and keeps trying
 * the cookie: the person is signed in as soon as the server answers.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() => stateOf(false));
  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = session.subscribe((s) => {
      setState(stateOf(true));
      // a password an administrator reset: the socket is refused until it is changed
      if (s && !s.account.mustChangePassword) connectSocket();
      else disconnectSocket();
    });
    const restore = () =>
      void session.refresh().then((s) => {
        setState(stateOf(true));
        if (!s && session.unreachable) retry = setTimeout(restore, FIRST_LOAD_RETRY_MS);
      });
    restore();
    const online = () => {
      if (session.value || !session.unreachable) return;
      clearTimeout(retry);
      restore();
    };
    window.addEventListener('online', online);
    return () => {
      clearTimeout(retry);
      window.removeEventListener('online', online);
      void unsubscribe();
    };
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

export const hasRole = (account: AccountView | null, ...roles: Role[]) => !!account?.roles.some((r) => roles.includes(r.role));
