import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { z } from 'zod';
import { putAgendaRequestSchema, type Agenda, fieldError } from '@app/contracts';
import type { AuthUser } from '../common/auth-user';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MeetingEventsService } from './meeting-events.service';
import { agendaView } from './meeting-views';
import { AgendaItemEntity, AgendaSessionEntity, MeetingEntity } from './meeting.entities';
import { MeetingErrorCode, MeetingException } from './meeting.exception';
import { MeetingsService } from './meetings.service';

type PutInput = z.output<typeof putAgendaRequestSchema>;

@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: MeetingsService,
    private readonly events: MeetingEventsService,
  ) {}

  async get(user: AuthUser, meetingId: string): Promise<Agenda> {
    const row = await this.meetings.requireVisible(user, meetingId);
    return agendaView(this.db.manager, row);
  }

  /**
   * Replaces the agenda with the order given. Entries keep their ids; new ones
   * get ids; missing ones are removed. A stale version is refused with the
   * current agenda, so a concurrent edit is never silently lost.
   */
  async replace(user: AuthUser, meetingId: string, input: PutInput): Promise<Agenda> {
    return this.events.command(meetingId, async (tx) => {
      const m = tx.manager;
      const row = await this.meetings.lockForOrganizer(user, meetingId, tx, 'agenda.edit');
      if (row.agendaVersion !== input.version) {
        throw new MeetingException(MeetingErrorCode.AgendaStale, 'The agenda was changed by someone else; your edit was not applied', {
          currentVersion: row.agendaVersion,
          agenda: await agendaView(m, row),
        });
      }
      if (!['draft', 'scheduled', 'live'].includes(row.status)) {
        throw new MeetingException(MeetingErrorCode.NotEditable, `The agenda of a ${row.status} meeting can no longer change`, { status: row.status });
      }
      const sessionRepo = m.getRepository(AgendaSessionEntity);
      const itemRepo = m.getRepository(AgendaItemEntity);
      const existingSessions = await sessionRepo.findBy({ meetingId });
      const existingItems = await itemRepo.findBy({ meetingId });
      const knownSession = new Set(existingSessions.map((s) => s.id));
      const knownItem = new Set(existingItems.map((i) => i.id));
      const ids = [...input.sessions.map((s) => s.id), ...input.sessions.flatMap((s) => s.items.map((i) => i.id))].filter((x): x is string => !!x);
      if (new Set(ids).size !== ids.length) throw this.invalid('sessions', 'duplicate', 'an id appears twice');
      input.sessions.forEach((s, si) => {
        if (s.id && !knownSession.has(s.id)) throw this.invalid(`sessions.${si}.id`, 'not_found', 'is not a session of this meeting');
        s.items.forEach((i, ii) => {
          if (i.id && !knownItem.has(i.id)) throw this.invalid(`sessions.${si}.items.${ii}.id`, 'not_found', 'is not an item of this meeting');
        });
      });
      const orgIds = [...new Set(input.sessions.flatMap((s) => s.items.map((i) => i.responsibleOrganizationId)).filter((x): x is string => !!x))];
      if (orgIds.length && (await m.getRepository(OrganizationEntity).countBy({ id: In(orgIds) })) !== orgIds.length) {
        throw new MeetingException(MeetingErrorCode.UnknownOrganization, 'A responsible organization does not exist', {}, [
          fieldError('responsibleOrganizationId', 'not_found', 'does not exist'),
        ]);
      }
      // Positions are unique per parent with deferred checks, so reordering in place is safe.
      const keptSessions = new Set(input.sessions.map((s) => s.id).filter(Boolean));
      const keptItems = new Set(input.sessions.flatMap((s) => s.items.map((i) => i.id)).filter(Boolean));
      const goneItems = existingItems.filter((i) => !keptItems.has(i.id)).map((i) => i.id);
      if (goneItems.length) await itemRepo.delete({ id: In(goneItems) });
      const goneSessions = existingSessions.filter((s) => !keptSessions.has(s.id)).map((s) => s.id);
      if (goneSessions.length) await sessionRepo.delete({ id: In(goneSessions) });
      for (const [si, s] of input.sessions.entries()) {
        const session = await sessionRepo.save(
          sessionRepo.create({ ...(s.id ? { id: s.id } : {}), meetingId, position: si, title: s.title, fixedStart: s.fixedStart ? new Date(s.fixedStart) : null }),
        );
        for (const [ii, i] of s.items.entries()) {
          await itemRepo.save(
            itemRepo.create({
              ...(i.id ? { id: i.id } : {}),
              meetingId,
              sessionId: session.id,
              position: ii,
              title: i.title,
              durationMinutes: i.durationMinutes,
              presenter: i.presenter ?? null,
              responsibleOrganizationId: i.responsibleOrganizationId ?? null,
            }),
          );
        }
      }
      row.agendaVersion += 1;
      await m.getRepository(MeetingEntity).update({ id: meetingId }, { agendaVersion: row.agendaVersion });
      const agenda = await agendaView(m, row);
      await tx.append(meetingId, 'agenda.replaced', { agenda }, user.id);
      return agenda;
    });
  }

  private invalid(field: string, code: 'duplicate' | 'not_found', reason: string) {
    return new MeetingException(MeetingErrorCode.InvalidAgenda, `Invalid agenda: ${field} ${reason}`, {}, [fieldError(field, code, reason)]);
  }
}
