import { ApiCallError, createApiClient, routePath, type ApiError, type LoginResponse, type RouteResponse } from '@app/contracts';

/**
 * An answer the server refused, with its error body (the typed client's error). Show it with
 * describeError / fieldErrorText (i18n/errors.ts): `message` and each field's `reason` are the developer's English.
 */
export const HttpError = ApiCallError;
export type HttpError = ApiCallError;

/** The error body of a refused answer; a proxy's HTML page (502, 504) becomes http_<status>. */
async function errorBody(res: Response): Promise<ApiError> {
  const fallback: ApiError = { statusCode: res.status, code: `http_${res.status}`, message: res.statusText, params: {}, correlationId: '' };
  const body = (await res.json().catch(() => null)) as ApiError | null;
  return body && typeof body.code === 'string' ? ({ ...body, params: body.params ?? {} } as ApiError) : fallback;
}

type Listener = (session: LoginResponse | null) => void;

/**
 * Why the sign-in ended, for the sign-in page to say: this tab signed out, or the server
 * refused the refresh cookie (expired after its 12 h, revoked, account locked), or the
 * socket was closed with a reason (signed out elsewhere, password changed).
 */
export const SIGN_OUT_REASONS = ['logout', 'logout_elsewhere', 'expired', 'revoked', 'disabled', 'password_changed'] as const;
export type SignOutReason = (typeof SIGN_OUT_REASONS)[number];

/** The refresh codes that mean the sign-in is over; anything else (no network, 5xx, 429) is a pause. */
const REFUSALS: Record<string, SignOutReason> = {
  session_expired: 'expired',
  unauthenticated: 'expired',
  session_revoked: 'revoked',
  account_disabled: 'disabled',
};

/** Retries of a refresh that could not reach the server: soon, then every 15 s at most. */
const RETRY_MS = [2_000, 5_000, 10_000, 15_000];

/**
 * The access token lives only in memory; the refresh token is an httpOnly
 * cookie the page cannot read. Refreshes are serialized: concurrent callers
 * share one request.
 *
 * Only the server's refusal of the refresh cookie signs out. A refresh that
 * cannot reach the server (a dropped network, a restarting api: fetch's
 * TypeError, a 5xx, a 429) keeps the sign-in as it is and tries again, and
 * again when the browser says the network is back; the socket asks for a
 * refresh on every reconnect too. So an outage of any length ends with the
 * same page, signed in, as long as the refresh cookie is still valid.
 */
class Session {
  private current: LoginResponse | null = null;
  private expiresAt = 0;
  private refreshing: Promise<LoginResponse | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private listeners = new Set<Listener>();
  private hint: SignOutReason | null = null;
  /** this tab is signing out: whatever closes the session now, the reason is 'logout' */
  leaving = false;
  /** why the last sign-in ended (null: it did not, or nobody was signed in) */
  endedBecause: SignOutReason | null = null;
  /** the last refresh could not reach the server */
  unreachable = false;

  constructor() {
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => {
        if (this.current && (this.unreachable || Date.now() > this.refreshAt())) void this.refresh();
      });
    }
  }

  get value() {
    return this.current;
  }

  subscribe(fn: Listener) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  set(session: LoginResponse | null, reason: SignOutReason | null = null) {
    const had = this.current;
    if (this.leaving) reason = 'logout';
    if (session) this.leaving = false;
    this.current = session;
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    if (session) {
      this.endedBecause = null;
      this.expiresAt = Date.now() + session.expiresIn * 1000;
      this.timer = setTimeout(() => void this.refresh(), Math.max(5_000, this.refreshAt() - Date.now()));
    } else if (had) this.endedBecause = reason;
    this.listeners.forEach((fn) => fn(session));
  }

  /** A minute before the token runs out, or at three quarters of a short one. */
  private refreshAt() {
    const ttl = (this.current?.expiresIn ?? 0) * 1000;
    return this.expiresAt - Math.min(60_000, ttl / 4);
  }

  /**
   * A fresh access token from the refresh cookie. `hint`: why the server closed the socket, said
   * on the sign-in page instead of the refresh's own code if the refresh is refused.
   */
  refresh(hint?: SignOutReason): Promise<LoginResponse | null> {
    if (hint) this.hint = hint;
    this.refreshing ??= createApiClient({ credentials: 'same-origin' })
      .call('auth.refresh')
      .then(
        (s) => {
          this.unreachable = false;
          this.failures = 0;
          this.set(s);
          return s;
        },
        (err: unknown) => {
          const code = err instanceof ApiCallError ? REFUSALS[err.code] : undefined;
          const refusal = code && (this.hint ?? code);
          if (refusal || !this.current) {
            // refused, or nobody signed in: the sign-in page (the first load retries by itself, see AuthProvider)
            this.unreachable = !refusal;
            this.set(null, refusal ?? null);
            return null;
          }
          // the server could not be reached: keep the sign-in, try again
          this.unreachable = true;
          clearTimeout(this.retry);
          this.retry = setTimeout(() => void this.refresh(), RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]);
          return this.current;
        },
      )
      .finally(() => {
        this.refreshing = null;
        this.hint = null;
      });
    return this.refreshing;
  }

  async token(): Promise<string | null> {
    if (this.current && Date.now() < this.expiresAt - 5_000) return this.current.accessToken;
    return (await this.refresh())?.accessToken ?? null;
  }
}

export const session = new Session();

/**
 * The typed client of the route map (libs/contracts/src/routes.ts):
 * `call('meetings.get', { params: { id } })` answers the route's response type.
 * It sends the in-memory access token and, on a 401, refreshes once and retries.
 */
export const client = createApiClient({
  credentials: 'same-origin',
  token: () => session.token(),
  refreshToken: async () => (await session.refresh())?.accessToken ?? null,
});
export const call = client.call;


/** Downloads a protected file (the token cannot ride on a plain link). */
export async function download(file: string | Promise<{ blob(): Promise<Blob> }>, filename: string) {
  const answer = typeof file === 'string' ? null : await file;
  let blob: Blob;
  if (answer) blob = await answer.blob();
  else {
    const token = await session.token();
    const res = await fetch(`/api${file as string}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new HttpError(res.status, await errorBody(res));
    blob = await res.blob();
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export async function login(username: string, password: string): Promise<LoginResponse> {
  const s = await createApiClient({ credentials: 'same-origin' }).call('auth.login', { body: { username, password } });
  session.set(s);
  return s;
}

/** Signs out here (and the server closes this session's other sockets with 'logout'). */
export async function logout() {
  session.leaving = true;
  await call('auth.logout').catch(() => undefined);
  session.set(null, 'logout');
  session.leaving = false;
}

/** Posts a multipart form (a document upload) to a route of the map; answers its JSON, or throws HttpError with the error body. */
export async function postForm<N extends 'documents.upload' | 'documents.replace' | 'documents.speechUpload'>(name: N, params: Record<string, string>, form: FormData): Promise<RouteResponse<N>> {
  const send = async (token: string | null) => fetch(routePath(name, params), { method: 'POST', credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {}, body: form });
  let res = await send(await session.token());
  if (res.status === 401) res = await send((await session.refresh())?.accessToken ?? null);
  if (!res.ok) throw new HttpError(res.status, await errorBody(res));
  return (await res.json()) as RouteResponse<N>;
}
