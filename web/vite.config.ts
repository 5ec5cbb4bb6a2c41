import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The app is served by Patron's API process from dist/web; `npm run dev:web` proxies the API.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true },
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080', '/readyz': 'http://127.0.0.1:8080' },
  },
});
