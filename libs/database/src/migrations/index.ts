import { Foundation1763800000000 } from './1763800000000-foundation';
import { Meetings1763900000000 } from './1763900000000-meetings';

/** Every migration, oldest first. A new migration is added here. */
export const ALL_MIGRATIONS = [Foundation1763800000000, Meetings1763900000000];
