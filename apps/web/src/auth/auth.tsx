import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AccountView, Role } from '@app/contracts';
import { session } from '../api/http';
import { connectSocket, disconnectSocket } from '../api/socket';

interface AuthState {
  account: AccountView | null;
  ready: boolean;
}

const AuthContext = createContext<AuthState>({ account: null, ready: false });

/** Restores the sign-in from the refresh cookie on load, and follows every change of session. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ account: session.value?.account ?? null, ready: false });
  useEffect(() => {
    const unsubscribe = session.subscribe((s) => {
      setState({ account: s?.account ?? null, ready: true });
      // a password an administrator reset: the socket is refused until it is changed
      if (s && !s.account.mustChangePassword) connectSocket();
      else disconnectSocket();
    });
    void session.refresh().then((s) => setState({ account: s?.account ?? null, ready: true }));
    return () => void unsubscribe();
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export const useAuth = () => useContext(AuthContext);

export const hasRole = (account: AccountView | null, ...roles: Role[]) => !!account?.roles.some((r) => roles.includes(r.role));
