export * from './vietnamese';
export * from './text-safety';
