import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [react()],
  resolve: {
    alias: {
      '@app/contracts': here('../../libs/contracts/src/index.ts'),
      '@app/vietnamese': here('../../libs/vietnamese/src/index.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        /*
         * Named chunks, so that a request (and a browser test) tells them apart:
         * `vendor` is what every page needs from node_modules (React, the router,
         * i18next, Socket.IO, zod), cached across releases of our own code;
         * `contracts` the shared libs (types, reducer, rules) every page uses;
         * `mediasoup` is mediasoup-client and its dependencies, imported only by
         * a media session once the server said it has media. The pages are
         * chunks of their own through React.lazy (app/app.tsx).
         */
        codeSplitting: {
          groups: [
            // zod-jitless.ts sets zod up before any schema is built: in this chunk, which the contracts chunk imports
            { name: 'vendor', test: /node_modules[\\/]|[\\/]src[\\/]zod-jitless\.ts$/, tags: ['$initial'], priority: 2 },
            { name: 'contracts', test: /libs[\\/](contracts|vietnamese)[\\/]/, tags: ['$initial'], priority: 1 },
            { name: 'mediasoup', test: /node_modules[\\/]mediasoup-client[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/socket.io': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
