export * from './ledger-schema.js';
export * from './agreement-schema.js';
export * from './commitment-schema.js';
export * from './gl-schema.js';
export * from './pool-history-schema.js';
