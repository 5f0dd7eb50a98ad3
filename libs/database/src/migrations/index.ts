import { Foundation1763800000000 } from './1763800000000-foundation';
import { Meetings1763900000000 } from './1763900000000-meetings';
import { Attendance1764000000000 } from './1764000000000-attendance';
import { Speakers1764100000000 } from './1764100000000-speakers';
import { Minutes1764200000000 } from './1764200000000-minutes';
import { Reports1764300000000 } from './1764300000000-reports';
import { Outbox1764400000000 } from './1764400000000-outbox';
import { NormalizeNames1764800000000 } from './1764800000000-normalize-names';
import { Voting1764900000000 } from './1764900000000-voting';
import { SpeechPause1765100000000 } from './1765100000000-speech-pause';
import { Displays1765300000000 } from './1765300000000-displays';
import { MinutesCorrections1765500000000 } from './1765500000000-minutes-corrections';
import { AccountAdmin1765600000000 } from './1765600000000-account-admin';
import { PollCountdown1765700000000 } from './1765700000000-poll-countdown';
import { RefusalGuard1765800000000 } from './1765800000000-refusal-guard';
import { TaskFollowUp1766100000000 } from './1766100000000-task-follow-up';
import { TaskReminders1766100000001 } from './1766100000001-task-reminders';
import { Notifications1766100000002 } from './1766100000002-notifications';
import { Communes1766200000000 } from './1766200000000-communes';
import { Documents1766000000000 } from './1766000000000-documents';
import { SpeechDocuments1766050000000 } from './1766050000000-speech-documents';
import { ConclusionNotices1766150000000 } from './1766150000000-conclusion-notices';

/** Every migration, oldest first. A new migration is added here. */
export const ALL_MIGRATIONS = [Foundation1763800000000, Meetings1763900000000, Attendance1764000000000, Speakers1764100000000, Minutes1764200000000, Reports1764300000000, Outbox1764400000000, NormalizeNames1764800000000, Voting1764900000000, SpeechPause1765100000000, Displays1765300000000, MinutesCorrections1765500000000, AccountAdmin1765600000000, PollCountdown1765700000000, RefusalGuard1765800000000, Documents1766000000000, SpeechDocuments1766050000000, TaskFollowUp1766100000000, TaskReminders1766100000001, Notifications1766100000002, ConclusionNotices1766150000000, Communes1766200000000];
