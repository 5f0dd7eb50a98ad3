import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { ALL_MIGRATIONS, lockDataDir, pgliteDir } from '@app/database';

/**
 * `npm run db:backup` / `npm run db:restore`: the whole database in one file.
 *
 * PostgreSQL: pg_dump's custom format (schema, data, the migration history), taken from one consistent snapshot
 * while the platform runs; pg_restore loads it into an empty database in one transaction.
 * PGlite: PGlite's own dump of its data directory (dumpDataDir, a gzipped tar), taken with the api stopped (the
 * embedded database is one process's, and the DATA_DIR lock refuses while the api has it); restored with
 * loadDataDir into an empty DATA_DIR. It can be loaded by the same PGlite release (see package.json).
 *
 * Both hold every table: meetings, agenda, endpoints, rosters, speeches, minutes and their revisions, the event
 * history with its seqs, reports with their DOCX and PDF, accounts, sessions, the outbox. Not in it: the files
 * beside the database in DATA_DIR (the generated jwt-secret, initial-credentials.txt) and what Redis holds (queued
 * jobs, rate-limit counters).
 */
export class BackupError extends Error {
  override name = 'BackupError';
}

type Target = { driver: 'postgres'; url: string } | { driver: 'pglite'; dataDir: string };

const PG_MAGIC = 'PGDMP';
const GZIP_MAGIC = [0x1f, 0x8b];

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
export const defaultBackupFile = (driver: Target['driver']) => join('backups', `hop-truc-tuyen-${stamp()}.${driver === 'postgres' ? 'pgdump' : 'pglite.tar.gz'}`);

const sizeText = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`);

/** The connection for pg_dump/pg_restore: the URL without its password, which goes in PGPASSWORD (not visible in ps). */
function pgConnection(url: string) {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) }, name: decodeURIComponent(u.pathname.slice(1)) || u.username };
}

const majorOf = (text: string) => Number(/(\d+)(?:\.\d+)?/.exec(text)?.[1] ?? NaN);

/** pg_dump refuses (or worse, half-dumps) a server newer than itself: say which client to install before starting. */
function checkClient(tool: 'pg_dump' | 'pg_restore', serverMajor: number) {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new BackupError(`${tool} was not found: install the PostgreSQL client tools of version ${serverMajor} or newer (Debian: apt-get install postgresql-client-${serverMajor})`);
  const client = majorOf(r.stdout);
  if (!(client >= serverMajor)) throw new BackupError(`${tool} ${client} cannot work with a PostgreSQL ${serverMajor} server: install postgresql-client-${serverMajor} (the client must be at least the server's version)`);
  return r.stdout.trim();
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', rej);
    child.on('exit', (code) => (code === 0 ? res() : rej(new BackupError(`${tool} failed (exit ${code}):\n${stderr.trim()}`))));
  });
}

interface PgInfo {
  serverMajor: number;
  tables: number;
  meetings: number | null;
  migrations: string[];
}

async function pgInfo(url: string): Promise<PgInfo> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const version = Number((await c.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0].v);
    const tables = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()`)).rows[0].n);
    const has = async (t: string) => (await c.query<{ ok: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS ok`, [t])).rows[0].ok;
    const meetings = (await has('meetings')) ? Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM meetings')).rows[0].n) : null;
    const migrations = (await has('schema_migrations')) ? (await c.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id')).rows.map((r) => r.name) : [];
    return { serverMajor: Math.floor(version / 10_000), tables, meetings, migrations };
  } finally {
    await c.end();
  }
}

/** Writes to FILE.partial and renames: an interrupted backup never looks like a finished one. */
function partialOf(file: string) {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  return `${file}.partial`;
}

export async function backup(target: Target, file: string): Promise<string> {
  if (existsSync(file)) throw new BackupError(`${file} exists already: choose another file (--out)`);
  const partial = partialOf(file);
  if (target.driver === 'postgres') {
    const info = await pgInfo(target.url);
    if (!info.migrations.length) throw new BackupError('the database has no schema yet (no migrations applied): nothing to back up');
    const version = checkClient('pg_dump', info.serverMajor);
    const { dbname, env, name } = pgConnection(target.url);
    try {
      // custom format: compressed, restorable table by table; owners and grants left out so it loads under any role
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, `--dbname=${dbname}`], env);
      renameSync(partial, file);
    } finally {
      rmSync(partial, { force: true });
    }
    return `backup of PostgreSQL database ${name} (server ${info.serverMajor}, ${version}): ${info.tables} tables, ${info.meetings ?? 0} meetings, ${info.migrations.length} migrations -> ${file} (${sizeText(statSync(file).size)})`;
  }
  const lock = lockDataDir(target.dataDir); // refuses while the api runs on this DATA_DIR
  try {
    const dir = pgliteDir(target.dataDir);
    if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`DATA_DIR ${resolve(target.dataDir)} has no database yet: nothing to back up`);
    const pg = await PGlite.create({ dataDir: dir });
    try {
      const meetings = Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM meetings')).rows[0].n);
      const migrations = (await pg.query<{ n: string }>('SELECT count(*) AS n FROM schema_migrations')).rows[0].n;
      const dump = await pg.dumpDataDir('gzip');
      writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      renameSync(partial, file);
      return `backup of the embedded database in ${resolve(target.dataDir)}: ${meetings} meetings, ${migrations} migrations -> ${file} (${sizeText(statSync(file).size)})`;
    } finally {
      await pg.close();
    }
  } finally {
    rmSync(partial, { force: true });
    lock.release();
  }
}

function kindOf(file: string): Target['driver'] {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString('latin1') === PG_MAGIC) return 'postgres';
  if (head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'pglite';
  throw new BackupError(`${file} is not a backup of this platform (neither a pg_dump custom-format file nor a PGlite dump)`);
}

export async function restore(target: Target, file: string, options: { clean?: boolean } = {}): Promise<string> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist`);
  const kind = kindOf(file);
  if (kind !== target.driver) {
    throw new BackupError(
      kind === 'postgres'
        ? `${file} is a PostgreSQL backup: set DATABASE_URL to the (empty) database to restore it into`
        : `${file} is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to the (empty) folder to restore it into`,
    );
  }
  const known = new Set(ALL_MIGRATIONS.map((M) => new M().name));
  const newer = (applied: string[]) => applied.filter((m) => !known.has(m));
  const after = (applied: string[]) =>
    newer(applied).length
      ? ` Warning: it was taken by a newer version of the platform (migrations ${newer(applied).join(', ')} are unknown here): run that version on it.`
      : applied.length < known.size
        ? ` It is ${known.size - applied.length} migration(s) behind this version: the api applies them when it starts (RUN_MIGRATIONS).`
        : '';
  if (target.driver === 'postgres') {
    const before = await pgInfo(target.url);
    const { dbname, env, name } = pgConnection(target.url);
    if (before.tables > 0 && !options.clean) {
      throw new BackupError(`database ${name} is not empty (${before.tables} tables): restore into a new, empty database (createdb), or pass --clean to drop and replace what it holds (stop the platform first)`);
    }
    const version = checkClient('pg_restore', before.serverMajor);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...(options.clean ? ['--clean', '--if-exists'] : []), `--dbname=${dbname}`, file], env);
    const info = await pgInfo(target.url);
    return `restored ${file} into PostgreSQL database ${name} (${version}): ${info.tables} tables, ${info.meetings ?? 0} meetings, ${info.migrations.length} migrations.${after(info.migrations)}`;
  }
  const lock = lockDataDir(target.dataDir);
  try {
    const dir = pgliteDir(target.dataDir);
    let movedAside = '';
    if (existsSync(dir) && readdirSync(dir).length) {
      if (!options.clean) throw new BackupError(`DATA_DIR ${resolve(target.dataDir)} already holds a database: restore into an empty DATA_DIR, or pass --clean to set the present one aside and replace it`);
      movedAside = `${dir}.before-restore-${stamp()}`;
      renameSync(dir, movedAside);
    }
    mkdirSync(dir, { recursive: true });
    const pg = await PGlite.create({ dataDir: dir, loadDataDir: new Blob([readFileSync(file)]) });
    try {
      const meetings = Number((await pg.query<{ n: string }>('SELECT count(*) AS n FROM meetings')).rows[0].n);
      const applied = (await pg.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY id')).rows.map((r) => r.name);
      return `restored ${file} into the embedded database in ${resolve(target.dataDir)}: ${meetings} meetings, ${applied.length} migrations.${after(applied)}${movedAside ? ` The database that was there is kept in ${movedAside}.` : ''}`;
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}
