export * from './commitment-schema.js';
