import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { ApiError, MeetingWriteResult, Organization, Page } from '@app/contracts';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_PG_ADMIN_URL } from '../support/database';
import { orgByCode } from '../support/factories';
import { UserSession } from '../support/session';
import { day } from '../support/time';

/**
 * A TCP proxy between one api and PostgreSQL: closing it makes the database unreachable for that api
 * alone (connections refused, open ones cut), reopening it on the same port is the database coming back.
 */
class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  listen(): Promise<number> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.port, '127.0.0.1', () => resolve((this.port = (server.address() as AddressInfo).port))));
  }

  /** Refuses new connections and cuts the open ones, as a PostgreSQL that went away. */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('PostgreSQL unreachable or restarting', () => {
  let a: TestApp;
  let b: TestApp;
  let proxy: TcpProxy;
  let admin: UserSession;
  let bng: Organization;
  const meetingsTitled = async (title: string) => (await admin.get<Page<{ title: string }>>(`/api/meetings?q=${encodeURIComponent(title)}`)).body;

  beforeAll(async () => {
    a = await startTestApp({ redis: false });
    const target = new URL(TEST_PG_ADMIN_URL);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.listen();
    const viaProxy = new URL(a.databaseUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(port);
    // B reaches the same database only through the proxy; A keeps its direct connection to read back.
    b = await startTestApp({ redis: false, sameDataAs: a, env: { DATABASE_URL: viaProxy.toString() } });
    admin = await UserSession.signIn(b.baseUrl, 'admin');
    bng = await orgByCode(admin, 'BNG');
  });
  afterAll(async () => {
    await b.close();
    await proxy.close();
    await a.close();
  });

  it('answers 503 database_unavailable with Retry-After while PostgreSQL is unreachable, then recovers', async () => {
    expect((await admin.get('/api/meetings')).status).toBe(200);
    await proxy.close();

    const read = await admin.get<ApiError>('/api/meetings');
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ code: 'database_unavailable', params: { retryAfterSeconds: 5 } });
    expect(read.headers.get('retry-after')).toBe('5');
    const title = 'Hội nghị trong lúc mất kết nối';
    const write = await admin.post<ApiError>('/api/meetings', { kind: 'plenary', title, hostOrganizationId: bng.id, scheduledStart: day(4, '08:00'), scheduledEnd: day(4, '11:00') });
    expect(write.status).toBe(503);
    expect(write.headers.get('retry-after')).toBe('5');
    // before sign-in too
    const login = await fetch(`${b.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'x' }) });
    expect(login.status).toBe(503);
    expect(login.headers.get('retry-after')).toBe('5');

    await proxy.listen();
    const back = await admin.get<Page<unknown>>('/api/meetings');
    expect(back.status).toBe(200);
    // the write refused during the outage stored nothing (read back through A's own connection too)
    expect((await meetingsTitled(title)).total).toBe(0);
    const direct = await UserSession.signIn(a.baseUrl, 'admin');
    expect((await direct.get<Page<unknown>>(`/api/meetings?q=${encodeURIComponent(title)}`)).body.total).toBe(0);
    // and writes work again
    expect((await admin.post<MeetingWriteResult>('/api/meetings', { kind: 'plenary', title: 'Hội nghị sau khi kết nối lại', hostOrganizationId: bng.id, scheduledStart: day(4, '08:00'), scheduledEnd: day(4, '11:00') })).status).toBe(201);
  });

  it('keeps answering after PostgreSQL ends every backend (57P01, as in a restart)', async () => {
    expect((await admin.get('/api/meetings')).status).toBe(200);
    const pg = new Client({ connectionString: a.databaseUrl });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ ended: boolean }>('SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await pg.end();
    }
    // the pools drop the ended connections and open new ones: no 500, on either process
    for (const session of [admin, await UserSession.signIn(a.baseUrl, 'admin')]) {
      const res = await session.get('/api/meetings');
      expect(res.status).toBe(200);
    }
  });
});
