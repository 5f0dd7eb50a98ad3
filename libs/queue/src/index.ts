export * from './queue.types';
export * from './queue.driver';
export * from './bullmq.driver';
export * from './in-process.driver';
export * from './job-handlers';
export * from './notifications';
