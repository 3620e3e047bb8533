// Every module's tables, for the one Drizzle instance.
export * from '../partnership/schema.js';
export * from '../people/schema.js';
export * from '../access/schema.js';
export * from '../pathway/schema.js';
export * from '../flow/schema.js';
export * from '../finance/schema.js';
