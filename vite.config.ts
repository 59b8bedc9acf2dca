import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

// The Fastify server listens here in development; the web dev server forwards API calls to it
// so that cookies stay same-origin, exactly as in production where Fastify serves dist/web.
const apiTarget = 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/healthz': { target: apiTarget, changeOrigin: false },
};

export default defineConfig(({ command, mode }) => {
  // A production build stays a production build when a test run starts it: Vitest sets
  // NODE_ENV=test, which would make Vite bundle React's development build (twice the size).
  if (command === 'build' && mode === 'production' && process.env.NODE_ENV === 'test') {
    process.env.NODE_ENV = 'production';
  }
  return {
    root: webRoot,
    base: '/',
    plugins: [react()],
    server: { proxy },
    preview: { proxy },
    build: {
      outDir,
      emptyOutDir: true,
      // Pages are split by route (React.lazy in src/web/routes.tsx). The largest chunks are the
      // framework's own: react-dom (≈ 220 kB before gzip) and antd's core; a chunk well above this
      // limit means a page pulled in more than it should.
      chunkSizeWarningLimit: 400,
      rolldownOptions: {
        output: {
          // Libraries that change only on an upgrade get chunks of their own, so that a new build of
          // the app does not make every phone download React and the router again.
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
              { name: 'router', test: /node_modules[\\/]react-router[\\/]/, priority: 2 },
              { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            ],
          },
        },
      },
    },
  };
});
