export * from './env';
export * from './logging';
export * from './config.module';
