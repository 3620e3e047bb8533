import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = process.env.CARETRUST_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      // NHS.UK frontend's images (icons, favicon) are bundled by Vite from the package rather than
      // served from a fixed /assets/ path, so the built app has no extra copy step.
      '@nhsuk-assets': path.resolve(webRoot, '../node_modules/nhsuk-frontend/dist/nhsuk/assets'),
    },
  },
  css: {
    preprocessorOptions: {
      scss: {
        // nhsuk-frontend's own Sass raises deprecation notices we cannot fix; ours still warn.
        quietDeps: true,
        silenceDeprecations: ['import'],
      },
    },
  },
  build: {
    outDir: path.resolve(webRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/health': apiTarget,
      '/docs': apiTarget,
    },
  },
});
