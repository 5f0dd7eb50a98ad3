import { Foundation1763800000000 } from './1763800000000-foundation';

/** Every migration, oldest first. A new migration is added here. */
export const ALL_MIGRATIONS = [Foundation1763800000000];
