import { defineConfig } from 'vite';

// The app is served by services/web under /web; the build goes to dist/ (not committed).
export default defineConfig({
  base: '/web/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
});
