// Builds the playground page: root web/, output web/dist. `base: './'` makes every URL in the
// built page relative, so web/dist works from any static host or sub-folder. web/public/wasm
// (the engine's Emscripten script and binary) is copied as it is.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173 },
});
