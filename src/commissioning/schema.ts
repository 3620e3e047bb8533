export * from './provider-schema.js';
export * from './payment-schema.js';
export * from './invoice-schema.js';
