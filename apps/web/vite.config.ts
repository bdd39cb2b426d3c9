import { defineConfig } from 'vite';

// Built by `npm run build:web` (a step of npm start and npm test) into dist/web, which the API serves at `/`.
// Vite's own transform (oxc) compiles TSX with React's automatic runtime, as tsconfig.json says.
const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: '/',
  // Only VITE_* variables reach the bundle; none are used, the app takes everything from the API.
  envPrefix: 'VITE_',
  // libs/domain is pure TypeScript (no Node, no npm package: the layer rules keep it so); the app takes the few
  // constants it needs from it (what a correction may change, whose action an entry records) from its sources.
  resolve: { alias: { '#domain': `${here}../../libs/domain/src/index.ts` } },
  build: {
    outDir: `${here}../../dist/web`,
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for server components; a client-only bundle has no use for it.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
