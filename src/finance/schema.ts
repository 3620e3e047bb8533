export * from './agreement-schema.js';
