export * from './errors';
export * from './common';
export * from './roles';
export * from './auth';
export * from './organizations';
export * from './health';
export * from './socket';
export * from './jobs';
