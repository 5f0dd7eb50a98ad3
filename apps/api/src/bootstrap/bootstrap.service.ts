import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, IsNull } from 'typeorm';
import { ENV, type Env } from '@app/config';
import { QueueDriver } from '@app/queue';
import { AccountsService } from '../accounts/accounts.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { runMigrations } from './migrate';

export interface CreatedCredential {
  username: string;
  password: string;
  role: string;
}

/**
 * Makes a fresh platform usable on start: migrations, the reference
 * organizations, and a first administrator whose password is printed once.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ENV) private readonly env: Env,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly queue: QueueDriver,
  ) {}

  async onApplicationBootstrap() {
    if (this.env.RUN_MIGRATIONS) {
      const ran = await runMigrations(this.db);
      if (ran.length) this.logger.log({ migrations: ran }, 'migrations applied');
    }
    if (this.env.SEED_ORGANIZATIONS) {
      const n = await this.organizations.seedReferenceData();
      if (n) this.logger.log(`seeded ${n} reference organizations`);
      const communes = this.env.SEED_COMMUNES ? await this.organizations.seedCommunes() : 0;
      if (communes) this.logger.log(`seeded ${communes} communes`);
    }
    if (this.env.BOOTSTRAP_ADMIN && (await this.accounts.countAdmins()) === 0) {
      const created = await this.createFirstAccounts(this.env.NODE_ENV !== 'production');
      this.printCredentials(created);
    }
    if (this.queue.kind === 'bullmq') this.logger.log('jobs go to BullMQ on Redis; run the worker to process them');
  }

  async createFirstAccounts(withDemo: boolean): Promise<CreatedCredential[]> {
    const root = await this.db.getRepository(OrganizationEntity).findOne({ where: { parentId: IsNull() }, order: { createdAt: 'ASC' } });
    if (!root) throw new Error('No organization to attach the first administrator to: seed organizations first');
    const adminPassword = this.env.ADMIN_PASSWORD ?? randomBytes(12).toString('base64url');
    await this.accounts.create(
      {
        username: this.env.ADMIN_USERNAME,
        fullName: 'Quản trị hệ thống',
        password: adminPassword,
        organizationId: root.id,
        locale: 'vi',
        roles: [{ role: 'admin', organizationId: root.id }, { role: 'organizer', organizationId: root.id }],
      },
      null,
    );
    const created: CreatedCredential[] = [{ username: this.env.ADMIN_USERNAME, password: adminPassword, role: 'admin' }];
    if (!withDemo) return created;
    // the demo accounts are for trying roles out: a chosen admin password must not open them too
    const demoPassword = this.env.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
    for (const demo of DEMO_ACCOUNTS) {
      const org = await this.db.getRepository(OrganizationEntity).findOneBy({ code: demo.orgCode });
      if (!org) continue;
      await this.accounts.create(
        {
          username: demo.username,
          fullName: demo.fullName,
          position: demo.position,
          password: demoPassword,
          organizationId: org.id,
          locale: 'vi',
          roles: [{ role: demo.role, organizationId: org.id }],
        },
        null,
      );
      created.push({ username: demo.username, password: demoPassword, role: demo.role });
    }
    return created;
  }

  private printCredentials(created: CreatedCredential[]) {
    const lines = created.map((c) => `  ${c.role.padEnd(18)} ${c.username.padEnd(12)} ${c.password}`);
    const text = `First accounts (shown once; change the passwords after signing in):\n${lines.join('\n')}\n`;
    // kept whatever the database (the README promises it); readable by this user only
    mkdirSync(this.env.DATA_DIR, { recursive: true });
    writeFileSync(join(this.env.DATA_DIR, 'initial-credentials.txt'), text, { mode: 0o600 });
    process.stdout.write(`\n${'='.repeat(64)}\n${text}${'='.repeat(64)}\n\n`);
  }
}
