import { io, type Socket } from 'socket.io-client';
import {
  ROUTES,
  ResponseDriftError,
  createApiClient,
  isFileResponse,
  matchRoute,
  type ApiClient,
  type ClientToServerEvents,
  type LoginResponse,
  type Role,
  type ServerToClientEvents,
} from '@app/contracts';
import { TEST_ADMIN_PASSWORD } from './app';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** An authenticated HTTP client for one account, like immich's and novu's session helpers. */
export class UserSession {
  constructor(
    readonly baseUrl: string,
    readonly login: LoginResponse,
    readonly refreshCookie: string | null,
  ) {}

  /** The typed client of the route map, as this account; every answer is checked against the route's response schema. */
  get api(): ApiClient {
    return (this.client ??= createApiClient({ baseUrl: this.baseUrl, token: () => this.token, validateResponses: true }));
  }
  private client: ApiClient | undefined;
  /** `session.call('meetings.get', { params: { id } })`: the typed response, or a thrown ApiCallError. */
  readonly call: ApiClient['call'] = (...args) => this.api.call(...args);

  get token() {
    return this.login.accessToken;
  }
  get account() {
    return this.login.account;
  }

  static async signIn(baseUrl: string, username: string, password = TEST_ADMIN_PASSWORD): Promise<UserSession> {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('htt_refresh='));
    return new UserSession(baseUrl, (await res.json()) as LoginResponse, cookie ? cookie.split(';')[0] : null);
  }

  request<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    return http<T>(this.baseUrl, method, path, body, { authorization: `Bearer ${this.token}`, ...headers });
  }
  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** A connected socket for this account; resolves once the server said session:ready. */
  async socket(options: { extraHeaders?: Record<string, string> } = {}): Promise<TestSocket> {
    const socket: TestSocket = io(this.baseUrl, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: options.extraHeaders,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
}

export async function http<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  checkAgainstContract(method, path, res, parsed);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/**
 * The raw helpers are checked too: a 2xx JSON answer of a route in the map must match
 * the route's response schema, so a test that reads a field the contract lacks (or a
 * server that answers another shape) fails here, not in production.
 */
function checkAgainstContract(method: string, path: string, res: Response, body: unknown) {
  if (!res.ok || res.status === 204 || !res.headers.get('content-type')?.includes('application/json')) return;
  const name = matchRoute(method, path);
  if (!name) return;
  const expected = ROUTES[name].response;
  if (expected === null || isFileResponse(expected)) return;
  const parsed = expected.safeParse(body);
  if (!parsed.success) throw new ResponseDriftError(name, parsed.error.issues, body);
}

/** Waits for the next `event` on a socket (never a sleep). */
export function nextEvent<T>(socket: { once(ev: string, fn: (arg: T) => void): unknown }, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    socket.once(event, (arg: T) => {
      clearTimeout(timer);
      resolve(arg);
    });
  });
}

export const ROLE_USERS: Record<Exclude<Role, 'admin'>, string> = {
  organizer: 'organizer',
  chair: 'chair',
  secretary: 'secretary',
  endpoint_operator: 'langson',
  viewer: 'viewer',
};
