import type { ApiError } from './errors';
import {
  ROUTES,
  isFileResponse,
  routePath,
  type FileResult,
  type RouteInput,
  type RouteName,
  type RouteResponse,
  type RoutesWithoutInput,
} from './routes';

/**
 * The one typed REST client, built from the route map: the web app, the tests,
 * the benchmarks and the seed scripts call `client.call('meetings.get', { params: { id } })`
 * and get the route's response type (or an ApiCallError with the error body).
 * Transport (fetch) and token are pluggable; in tests every JSON answer is parsed
 * with the route's response schema, so a server that drifts from the contract fails them.
 */

/** An answer the server refused, with its error body. */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    readonly route?: RouteName,
  ) {
    super(body.message);
    this.name = 'ApiCallError';
  }
  get code(): string {
    return this.body.code;
  }
  fieldError(field: string): string | undefined {
    return this.body.fields?.find((f) => f.field === field)?.reason;
  }
}

/** The server answered 2xx with a body its route's response schema rejects (only when validating). */
export class ResponseDriftError extends Error {
  constructor(
    readonly route: RouteName,
    readonly issues: { path: PropertyKey[]; message: string }[],
    readonly body: unknown,
  ) {
    super(`${route}: the response does not match the contract: ${issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
    this.name = 'ResponseDriftError';
  }
}

type MaybePromise<T> = T | Promise<T>;

export interface ApiClientOptions {
  /** origin the paths are relative to; '' (the default) for the page's own origin */
  baseUrl?: string;
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** the access token to send as a Bearer header, if any */
  token?: () => MaybePromise<string | null | undefined>;
  /** asked once when an answer is 401 to a request that carried a token: a fresh token, or null to give up */
  refreshToken?: () => MaybePromise<string | null | undefined>;
  /** parse every JSON answer with the route's response schema; on by default when NODE_ENV is 'test' */
  validateResponses?: boolean;
  credentials?: 'include' | 'omit' | 'same-origin';
  headers?: Record<string, string>;
}

/** `call(name)` for routes that need no input, `call(name, input)` for the others. */
export type CallArgs<N extends RouteName> = N extends RoutesWithoutInput ? [input?: RouteInput<N>] : [input: RouteInput<N>];

export interface ApiClient {
  call<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<RouteResponse<N>>;
  /** the path and query of a call, e.g. for a link or an <img src> */
  url<N extends RouteName>(name: N, ...args: CallArgs<N>): string;
  /** the raw HTTP response of a call (no status check, no parsing) */
  send<N extends RouteName>(name: N, ...args: CallArgs<N>): Promise<Response>;
}

const testMode = () => (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.NODE_ENV === 'test';

export function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    search.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The file name a Content-Disposition header gives (filename* preferred). */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1] : null;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: string, init: RequestInit) => fetch(input, init));
  const validate = options.validateResponses ?? testMode();

  const urlOf = (name: RouteName, input: RouteInput<RouteName> | undefined) =>
    `${routePath(name, (input?.params ?? {}) as Record<string, unknown>)}${queryString(input?.query as Record<string, unknown> | undefined)}`;

  const send = async (name: RouteName, input: RouteInput<RouteName> | undefined, token: string | null | undefined): Promise<Response> => {
    const route = ROUTES[name];
    const body = input?.body;
    return doFetch(`${baseUrl}${urlOf(name, input)}`, {
      method: route.method,
      credentials: options.credentials,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };

  const call = async (name: RouteName, input?: RouteInput<RouteName>): Promise<unknown> => {
    const route = ROUTES[name];
    const token = await options.token?.();
    let res = await send(name, input, token);
    if (res.status === 401 && token && options.refreshToken) {
      const fresh = await options.refreshToken();
      if (fresh) res = await send(name, input, fresh);
    }
    if (!res.ok) {
      // a proxy's HTML page (502, 504) becomes http_<status>
      const fallback: ApiError = { statusCode: res.status, code: `http_${res.status}`, message: res.statusText || `HTTP ${res.status}`, params: {}, correlationId: res.headers.get('x-request-id') ?? '' };
      const body = (await res.json().catch(() => null)) as ApiError | null;
      throw new ApiCallError(res.status, body && typeof body === 'object' && typeof body.code === 'string' ? ({ ...body, params: body.params ?? {} } as ApiError) : fallback, name);
    }
    const expected = route.response;
    if (isFileResponse(expected)) {
      const file: FileResult = {
        contentType: res.headers.get('content-type') ?? expected.file,
        filename: dispositionFilename(res.headers.get('content-disposition')),
        blob: () => res.blob(),
        text: () => res.text(),
        arrayBuffer: () => res.arrayBuffer(),
      };
      return file;
    }
    if (expected === null || res.status === 204) return undefined;
    const json: unknown = await res.json();
    if (validate) {
      const parsed = expected.safeParse(json);
      if (!parsed.success) throw new ResponseDriftError(name, parsed.error.issues, json);
    }
    return json;
  };

  return {
    call: ((name: RouteName, input?: RouteInput<RouteName>) => call(name, input)) as ApiClient['call'],
    url: ((name: RouteName, input?: RouteInput<RouteName>) => urlOf(name, input)) as ApiClient['url'],
    send: (async (name: RouteName, input?: RouteInput<RouteName>) => send(name, input, await options.token?.())) as ApiClient['send'],
  };
}
