export * from './vietnamese';
