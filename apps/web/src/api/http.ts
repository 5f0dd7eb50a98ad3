import { ApiCallError, createApiClient, type ApiError, type LoginResponse } from '@app/contracts';

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
 * The access token lives only in memory; the refresh token is an httpOnly
 * cookie the page cannot read. Refreshes are serialized: concurrent callers
 * share one request.
 */
class Session {
  private current: LoginResponse | null = null;
  private expiresAt = 0;
  private refreshing: Promise<LoginResponse | null> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private listeners = new Set<Listener>();

  get value() {
    return this.current;
  }

  subscribe(fn: Listener) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  set(session: LoginResponse | null) {
    this.current = session;
    clearTimeout(this.timer);
    if (session) {
      this.expiresAt = Date.now() + session.expiresIn * 1000;
      // Refresh a minute before the token runs out.
      this.timer = setTimeout(() => void this.refresh(), Math.max(5_000, (session.expiresIn - 60) * 1000));
    }
    this.listeners.forEach((fn) => fn(session));
  }

  refresh(): Promise<LoginResponse | null> {
    this.refreshing ??= createApiClient({ credentials: 'same-origin' })
      .call('auth.refresh')
      .catch(() => null)
      .then((s) => {
        this.set(s);
        return s;
      })
      .finally(() => (this.refreshing = null));
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

export async function logout() {
  await call('auth.logout').catch(() => undefined);
  session.set(null);
}
