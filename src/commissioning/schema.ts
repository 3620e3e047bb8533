export * from './provider-schema.js';
export * from './payment-schema.js';
