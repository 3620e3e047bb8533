import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the modules' schemas and reviewed before commit.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/*/schema.ts',
  out: './migrations',
});
