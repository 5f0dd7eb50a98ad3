export * from './data-source';
export * from './naming.strategy';
export * from './transaction.util';
export * from './migrations';
export * from './data-dir-lock';
export * from './pending-migrations';
