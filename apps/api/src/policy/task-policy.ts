import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { taskCapabilities, type TaskCapability, type TaskFacts } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { AccountEntity } from '../accounts/account.entity';
import { MeetingEntity, MeetingSecretaryEntity } from '../meetings/meeting.entities';
import { OrganizationsService } from '../organizations/organizations.service';

/** The parts of a task the policy reads. */
export interface PolicyTask {
  id: string;
  meetingId: string;
  leadOrganizationId: string;
  coOrganizationIds: string[];
  assigningOrganizationId: string;
}

/**
 * The task side of the one policy: what the caller is to a task (lead, co-operating, assigning), decided by
 * the pure `taskCapabilities` the web runs too. The lead and co-operating agencies are the caller's own
 * organization or a body above it (a department acts for its ministry's task); an organizer over the lead
 * agency acts for it as before. The assigning side is the meeting's chair and secretaries, and the organizers
 * over its host organization.
 */
@Injectable()
export class TaskPolicy {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organizations: OrganizationsService,
  ) {}

  async facts(user: AuthUser, task: PolicyTask, m: EntityManager = this.db.manager): Promise<TaskFacts> {
    const account = await m.getRepository(AccountEntity).findOneBy({ id: user.id });
    const chain = new Set(account ? await this.organizations.ancestorIds(account.organizationId, m) : []);
    const lead = chain.has(task.leadOrganizationId) || (await this.organizations.holdsRoleOver(user, ['organizer', 'admin'], task.leadOrganizationId, m));
    const coOperating = task.coOrganizationIds.some((id) => chain.has(id));
    const meeting = await m.getRepository(MeetingEntity).findOneBy({ id: task.meetingId });
    const assigning =
      meeting?.chairId === user.id ||
      (await m.getRepository(MeetingSecretaryEntity).existsBy({ meetingId: task.meetingId, accountId: user.id })) ||
      (await this.organizations.holdsRoleOver(user, ['organizer', 'admin'], task.assigningOrganizationId, m));
    return { lead, coOperating, assigning };
  }

  async capabilities(user: AuthUser, task: PolicyTask, m?: EntityManager): Promise<TaskCapability[]> {
    return taskCapabilities(await this.facts(user, task, m));
  }
}
