import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { z } from 'zod';
import {
  type AccountListItem,
  type AccountView,
  type Page,
  type PersonRef,
  type RoleAssignment,
  createAccountRequestSchema,
  listAccountsQuerySchema,
  resetPasswordRequestSchema,
  peopleQuerySchema,
  updateAccountRequestSchema,
  fieldError,
} from '@app/contracts';
import { escapeLike, personSortKey, searchDocument, searchTerms } from '@app/vietnamese';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@app/database';
import type { AuthUser } from '../common/auth-user';
import { AuditService } from '../audit/audit.service';
import { OrganizationEntity } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { toAccountView } from './account-views';
import { AccountEntity, RoleAssignmentEntity } from './account.entity';
import { AccountErrorCode, AccountException } from './account.exception';
import { hashPassword } from './password.util';
import { assertStrongPassword } from './password-policy';
import { SessionRegistry } from '../auth/session-registry';

export { listAccountsQuerySchema, peopleQuerySchema } from '@app/contracts';

type CreateInput = z.output<typeof createAccountRequestSchema>;
type UpdateInput = z.output<typeof updateAccountRequestSchema>;

type ResetInput = z.output<typeof resetPasswordRequestSchema>;

const personColumns = (fullName: string, username: string) => ({
  searchText: searchDocument(fullName, username),
  sortKey: personSortKey(fullName),
});

const roleKey = (r: RoleAssignment) => `${r.role}|${r.organizationId}`;
const sameRoles = (a: RoleAssignment[], b: RoleAssignment[]) => {
  const keys = new Set(a.map(roleKey));
  return keys.size === new Set(b.map(roleKey)).size && b.every((r) => keys.has(roleKey(r)));
};

/** Every word of the query (abbreviations written out, see searchTerms) somewhere in the account's search text. */
function matchTerms(qb: SelectQueryBuilder<AccountEntity>, q: string | undefined) {
  searchTerms(q ?? '').forEach((term, i) => qb.andWhere(`a.search_text LIKE :q${i} ESCAPE '\\'`, { [`q${i}`]: `%${escapeLike(term)}%` }));
}

@Injectable()
export class AccountsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly sessions: SessionRegistry,
  ) {}

  async findById(id: string, manager: EntityManager = this.db.manager): Promise<AccountEntity> {
    const a = await manager.getRepository(AccountEntity).findOne({ where: { id }, relations: { roles: true } });
    if (!a) throw new AccountException(AccountErrorCode.NotFound, 'Account not found', { id });
    return a;
  }

  /** For sign-in only: includes the password hash. */
  async findForLogin(username: string): Promise<AccountEntity | null> {
    return this.db
      .getRepository(AccountEntity)
      .createQueryBuilder('a')
      .addSelect('a.password_hash', 'a_password_hash')
      .leftJoinAndSelect('a.roles', 'r')
      .where('lower(a.username) = lower(:username)', { username })
      .getOne();
  }

  async list(query: z.output<typeof listAccountsQuerySchema>, user: AuthUser): Promise<Page<AccountListItem>> {
    const qb = this.db.getRepository(AccountEntity).createQueryBuilder('a').leftJoinAndSelect('a.roles', 'r');
    const scope = await this.adminScope(user);
    if (scope !== 'all') qb.andWhere('a.organization_id IN (:...scope)', { scope: scope.length ? scope : ['00000000-0000-0000-0000-000000000000'] });
    matchTerms(qb, query.q);
    if (query.organizationId) qb.andWhere('a.organization_id = :org', { org: query.organizationId });
    if (query.role) qb.andWhere('EXISTS (SELECT 1 FROM role_assignments x WHERE x.account_id = a.id AND x.role = :role)', { role: query.role });
    if (query.sort === 'organization') {
      // selected, not only joined: paging with the roles joined orders an outer query that sees only selections
      qb.leftJoin(OrganizationEntity, 'o', 'o.id = a.organization_id').addSelect('o.sort_key', 'o_sort_key').orderBy('o_sort_key', 'ASC').addOrderBy('a.sort_key', 'ASC');
    } else if (query.sort === 'lastSignIn') {
      qb.orderBy('a.last_sign_in_at', 'DESC', 'NULLS LAST').addOrderBy('a.sort_key', 'ASC');
    } else {
      qb.orderBy('a.sort_key', 'ASC');
    }
    const [items, total] = await qb.addOrderBy('a.id').skip(query.offset).take(query.limit).getManyAndCount();
    const orgIds = [...new Set(items.flatMap((a) => [a.organizationId, ...a.roles.map((r) => r.organizationId)]))];
    const orgs = orgIds.length ? await this.db.getRepository(OrganizationEntity).findBy({ id: In(orgIds) }) : [];
    const names = new Map(orgs.map((o) => [o.id, o.shortName ?? o.name]));
    return {
      items: items.map((a) => ({
        ...toAccountView(a),
        organizationName: names.get(a.organizationId) ?? '',
        organizationNames: Object.fromEntries([a.organizationId, ...a.roles.map((r) => r.organizationId)].map((id) => [id, names.get(id) ?? ''])),
        lastSignInAt: a.lastSignInAt?.toISOString() ?? null,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async people(query: z.output<typeof peopleQuerySchema>): Promise<(PersonRef & { organizationId: string })[]> {
    const qb = this.db.getRepository(AccountEntity).createQueryBuilder('a').where('a.disabled = false');
    matchTerms(qb, query.q);
    if (query.role) qb.andWhere('EXISTS (SELECT 1 FROM role_assignments r WHERE r.account_id = a.id AND r.role = :role)', { role: query.role });
    const rows = await qb.orderBy('a.sort_key').take(query.limit).getMany();
    return rows.map((a) => ({ id: a.id, fullName: a.fullName, position: a.position, organizationId: a.organizationId }));
  }

  /** The organizations whose accounts this admin manages ('all' for an admin of a root). */
  private async adminScope(user: AuthUser): Promise<string[] | 'all'> {
    if (await this.organizations.holdsRoleOver(user, ['admin'], null)) return 'all';
    const ids = new Set<string>();
    for (const r of user.roles.filter((x) => x.role === 'admin')) {
      (await this.organizations.subtreeIds(r.organizationId)).forEach((id) => ids.add(id));
    }
    return [...ids];
  }

  async create(input: CreateInput, actor: AuthUser | null): Promise<AccountView> {
    assertStrongPassword(input.password, 'password', [input.username, input.fullName]);
    // Hashing is slow on purpose; it must not hold a database connection (an import of a
    // hundred operators would otherwise take the whole pool).
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction(async (m) => {
      await this.requireOrganizations(m, [input.organizationId, ...input.roles.map((r) => r.organizationId)]);
      if (actor) {
        await this.organizations.assertAdminOver(actor, input.organizationId, m);
        for (const r of input.roles) await this.organizations.assertAdminOver(actor, r.organizationId, m);
      }
      const repo = m.getRepository(AccountEntity);
      const entity = repo.create({
        username: input.username,
        passwordHash,
        fullName: input.fullName,
        position: input.position ?? null,
        organizationId: input.organizationId,
        locale: input.locale,
        disabled: false,
        passwordChangedAt: new Date(),
        ...personColumns(input.fullName, input.username),
      });
      await m.query('SAVEPOINT account_insert');
      try {
        await repo.insert(entity);
      } catch (err) {
        if (pgErrorCode(err) !== PG_UNIQUE_VIOLATION) throw err;
        await m.query('ROLLBACK TO SAVEPOINT account_insert');
        throw new AccountException(AccountErrorCode.UsernameTaken, `The username ${input.username} is taken`, { username: input.username }, [
          fieldError('username', 'taken', 'is already taken'),
        ]);
      }
      await this.replaceRoles(m, entity.id, input.roles);
      await this.audit.record(m, {
        actorId: actor?.id ?? null,
        action: 'account.created',
        entityType: 'account',
        entityId: entity.id,
        changes: { username: input.username, organizationId: input.organizationId, roles: input.roles },
      });
      return toAccountView(await this.findById(entity.id, m));
    });
  }

  async update(id: string, input: UpdateInput, actor: AuthUser): Promise<AccountView> {
    let ended: 'disabled' | 'roles_changed' | null = null;
    const view = await this.db.transaction(async (m) => {
      const current = await this.findById(id, m);
      await this.organizations.assertAdminOver(actor, current.organizationId, m);
      if (input.organizationId) {
        await this.requireOrganizations(m, [input.organizationId]);
        await this.organizations.assertAdminOver(actor, input.organizationId, m);
      }
      if (input.roles) {
        await this.requireOrganizations(m, input.roles.map((r) => r.organizationId));
        // Only roles inside the actor's reach may be granted or taken away.
        const changed = [...input.roles, ...current.roles].filter(
          (r) => !(input.roles ?? []).some((x) => x.role === r.role && x.organizationId === r.organizationId) ||
            !current.roles.some((x) => x.role === r.role && x.organizationId === r.organizationId),
        );
        for (const r of changed) await this.organizations.assertAdminOver(actor, r.organizationId, m);
      }
      const losesAdmin =
        (input.disabled === true || (input.roles && !input.roles.some((r) => r.role === 'admin'))) &&
        current.roles.some((r) => r.role === 'admin');
      if (losesAdmin) await this.assertNotLastAdmin(m, id);
      const { roles, ...fields } = input;
      const patch = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      if (Object.keys(patch).length) {
        const fullName = (patch.fullName as string | undefined) ?? current.fullName;
        await m.getRepository(AccountEntity).update({ id }, { ...patch, ...personColumns(fullName, current.username) });
      }
      if (roles) await this.replaceRoles(m, id, roles);
      if (input.disabled && !current.disabled) {
        await m.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'account disabled' WHERE account_id = $1 AND revoked_at IS NULL`, [id]);
        ended = 'disabled';
      } else if (roles && !sameRoles(roles, current.roles)) {
        ended = 'roles_changed';
      }
      await this.audit.record(m, { actorId: actor.id, action: 'account.updated', entityType: 'account', entityId: id, changes: input });
      return toAccountView(await this.findById(id, m));
    });
    // After the commit: every api process forgets the account's sessions and closes their sockets
    // (a socket joined its meetings under the old roles); REST reads the new state on the next request.
    if (ended) await this.sessions.end({ accountId: id, reason: ended });
    return view;
  }

  /**
   * An administrator sets a temporary password: the account must change it at its next sign-in
   * (until then the api answers password_change_required to anything else), and every session of
   * it ends now.
   */
  async resetPassword(id: string, input: ResetInput, actor: AuthUser): Promise<void> {
    const target = await this.findById(id);
    await this.organizations.assertAdminOver(actor, target.organizationId);
    assertStrongPassword(input.password, 'password', [target.username, target.fullName]);
    const passwordHash = await hashPassword(input.password);
    await this.db.transaction(async (m) => {
      const current = await this.findById(id, m);
      await this.organizations.assertAdminOver(actor, current.organizationId, m);
      await m.getRepository(AccountEntity).update({ id }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: true });
      await m.query(`UPDATE sessions SET revoked_at = now(), revoked_reason = 'password reset' WHERE account_id = $1 AND revoked_at IS NULL`, [id]);
      await this.audit.record(m, { actorId: actor.id, action: 'account.password_reset', entityType: 'account', entityId: id });
    });
    await this.sessions.end({ accountId: id, reason: 'password_changed' });
  }

  /** `passwordHash` from hashPassword(), computed before the transaction that stores it. */
  async setPasswordHash(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await m.getRepository(AccountEntity).update({ id }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false });
  }

  async recordSignIn(m: EntityManager, id: string): Promise<void> {
    await m.getRepository(AccountEntity).update({ id }, { lastSignInAt: new Date() });
  }

  /** Same password, current argon2 settings; a no-op when the password changed meanwhile. */
  async upgradePasswordHash(id: string, oldHash: string, newHash: string): Promise<void> {
    await this.db.getRepository(AccountEntity).update({ id, passwordHash: oldHash }, { passwordHash: newHash });
  }

  async countAdmins(): Promise<number> {
    return this.db.getRepository(RoleAssignmentEntity).count({ where: { role: 'admin' } });
  }

  async count(): Promise<number> {
    return this.db.getRepository(AccountEntity).count();
  }

  private async assertNotLastAdmin(m: EntityManager, id: string) {
    const [{ n }] = await m.query(
      `SELECT count(DISTINCT r.account_id)::int AS n FROM role_assignments r JOIN accounts a ON a.id = r.account_id
       WHERE r.role = 'admin' AND a.disabled = false AND r.account_id <> $1`,
      [id],
    );
    if (n === 0) throw new AccountException(AccountErrorCode.LastAdmin, 'This is the last active administrator');
  }

  private async replaceRoles(m: EntityManager, accountId: string, roles: RoleAssignment[]) {
    const unique = [...new Map(roles.map((r) => [`${r.role}|${r.organizationId}`, r])).values()];
    await m.getRepository(RoleAssignmentEntity).delete({ accountId });
    if (unique.length) await m.getRepository(RoleAssignmentEntity).insert(unique.map((r) => ({ accountId, ...r })));
  }

  private async requireOrganizations(m: EntityManager, ids: string[]) {
    const unique = [...new Set(ids)];
    const found = await m.getRepository(OrganizationEntity).countBy({ id: In(unique) });
    if (found !== unique.length) {
      throw new AccountException(AccountErrorCode.OrganizationNotFound, 'An organization named in the request does not exist', {}, [
        fieldError('organizationId', 'not_found', 'does not exist'),
      ]);
    }
  }
}
