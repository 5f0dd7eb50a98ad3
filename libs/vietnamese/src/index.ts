export * from './vietnamese';
export * from './text-safety';
export * from './search-terms';
