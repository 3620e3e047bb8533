/**
 * The care pathway's tables, one file per stage; drizzle-kit reads this file, so it names them all.
 */
export * from './referral-schema.js';
export * from './assessment-schema.js';
export * from './plan-schema.js';
export * from './review-schema.js';
