export * from './ledger-schema.js';
