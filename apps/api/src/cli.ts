import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InvalidEnvironmentError, parseEnv } from '@app/config';
import { DataDirLockedError, createDataSource } from '@app/database';
import { databaseSettings } from './database/database.module';
import { revertLastMigration, runMigrations, truncateAll } from './bootstrap/migrate';
import { BackupError, backup, defaultBackupFile, restore } from './bootstrap/backup';
import { AppModule } from './app.module';
import { hashPassword } from './accounts/password.util';
import { AccountsService } from './accounts/accounts.service';
import { AccountEntity, RoleAssignmentEntity } from './accounts/account.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { OrganizationsService } from './organizations/organizations.service';

const USAGE = `usage: cli <command>
  migrate                   apply pending migrations
  revert                    undo the newest migration
  reset                     empty every table, migrate, seed the reference organizations
  backup [--out FILE]       write the whole database to FILE (default backups/hop-truc-tuyen-<time>.pgdump or .pglite.tar.gz)
  restore FILE [--clean]    load a backup into an empty database (DATABASE_URL) or an empty DATA_DIR;
                            --clean replaces what is there
  create-admin --username U --password P [--full-name N]
                            create an administrator (or reset its password and re-grant admin)`;

async function withDataSource<T>(fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(databaseSettings(parseEnv()));
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

async function createAdmin(args: string[]) {
  const { values } = parseArgs({ args, options: { username: { type: 'string' }, password: { type: 'string' }, 'full-name': { type: 'string' } } });
  if (!values.username || !values.password) throw new Error('create-admin needs --username and --password');
  process.env.BOOTSTRAP_ADMIN = 'false';
  process.env.LOG_LEVEL ??= 'warn';
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
  await app.init();
  try {
    const ds = app.get<DataSource>(getDataSourceToken());
    const accounts = app.get(AccountsService);
    const root = await ds.getRepository(OrganizationEntity).createQueryBuilder('o').where('o.parent_id IS NULL').orderBy('o.created_at').getOne();
    if (!root) throw new Error('no root organization: run migrate and seed first');
    const existing = await ds.getRepository(AccountEntity).createQueryBuilder('a').where('lower(a.username) = lower(:u)', { u: values.username }).getOne();
    if (existing) {
      const passwordHash = await hashPassword(values.password!);
      await ds.transaction(async (m) => {
        await accounts.setPasswordHash(m, existing.id, passwordHash);
        await m.getRepository(AccountEntity).update({ id: existing.id }, { disabled: false });
        await m.getRepository(RoleAssignmentEntity).upsert({ accountId: existing.id, role: 'admin', organizationId: root.id }, ['accountId', 'role', 'organizationId']);
      });
      process.stdout.write(`administrator ${values.username}: password reset, admin role granted in ${root.name}\n`);
    } else {
      await accounts.create(
        {
          username: values.username,
          password: values.password,
          fullName: values['full-name'] ?? 'Quản trị hệ thống',
          organizationId: root.id,
          locale: 'vi',
          roles: [{ role: 'admin', organizationId: root.id }],
        },
        null,
      );
      process.stdout.write(`administrator ${values.username} created in ${root.name}\n`);
    }
  } finally {
    await app.close();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'migrate':
      await withDataSource(async (ds) => {
        const ran = await runMigrations(ds);
        process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'nothing to apply\n');
      });
      return;
    case 'revert':
      await withDataSource(async (ds) => {
        await revertLastMigration(ds);
        process.stdout.write('reverted the newest migration\n');
      });
      return;
    case 'reset': {
      await withDataSource(async (ds) => {
        await runMigrations(ds);
        await truncateAll(ds);
      });
      process.env.BOOTSTRAP_ADMIN = 'false';
      const app = await NestFactory.createApplicationContext(AppModule.forRoot(), { logger: ['error', 'warn'] });
      await app.init();
      const n = await app.get(OrganizationsService).seedReferenceData();
      await app.close();
      process.stdout.write(`database reset: ${n} reference organizations seeded; start the api to create the first administrator\n`);
      return;
    }
    case 'create-admin':
      await createAdmin(rest);
      return;
    case 'backup': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      const env = parseEnv();
      const target = env.DATABASE_URL ? { driver: 'postgres' as const, url: env.DATABASE_URL } : { driver: 'pglite' as const, dataDir: env.DATA_DIR };
      process.stdout.write(`${await backup(target, values.out ?? defaultBackupFile(target.driver))}\n`);
      return;
    }
    case 'restore': {
      const { values, positionals } = parseArgs({ args: rest, options: { clean: { type: 'boolean' } }, allowPositionals: true });
      if (positionals.length !== 1) throw new BackupError('restore needs the backup file: npm run db:restore -- FILE [--clean]');
      const env = parseEnv();
      const target = env.DATABASE_URL ? { driver: 'postgres' as const, url: env.DATABASE_URL } : { driver: 'pglite' as const, dataDir: env.DATA_DIR };
      process.stdout.write(`${await restore(target, positionals[0], { clean: values.clean })}\n`);
      return;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`${err instanceof InvalidEnvironmentError || err instanceof DataDirLockedError || err instanceof BackupError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
