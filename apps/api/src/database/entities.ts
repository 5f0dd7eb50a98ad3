import { AccountEntity, RoleAssignmentEntity } from '../accounts/account.entity';
import { AuditEntity } from '../audit/audit.entity';
import { SessionEntity } from '../auth/session.entity';
import { OrganizationEntity } from '../organizations/organization.entity';
import { MEETING_ENTITIES } from '../meetings/meeting.entities';
import { ATTENDANCE_ENTITIES } from '../attendance/attendance.entities';
import { SPEAKER_ENTITIES } from '../speakers/speaker.entities';
import { MINUTES_ENTITIES } from '../minutes/minutes.entities';
import { TASK_ENTITIES } from '../tasks/task.entities';
import { VOTING_ENTITIES } from '../voting/voting.entities';
import { DOCUMENT_ENTITIES } from '../documents/document.entities';

/** Every entity the api maps; the schema itself comes from the migrations in libs/database. */
export const API_ENTITIES = [OrganizationEntity, AccountEntity, RoleAssignmentEntity, SessionEntity, AuditEntity, ...MEETING_ENTITIES, ...ATTENDANCE_ENTITIES, ...SPEAKER_ENTITIES, ...MINUTES_ENTITIES, ...TASK_ENTITIES, ...VOTING_ENTITIES, ...DOCUMENT_ENTITIES];
