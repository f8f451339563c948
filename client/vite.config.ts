import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** Where `npm run dev -w @arsenal/client` forwards API and socket traffic: the server of `npm run serve`. */
const server = process.env.ARSENAL_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: server, changeOrigin: false },
      '/socket.io': { target: server, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // @arsenal/shared is marked `"sideEffects": false`: what a screen does not call is dropped.
    sourcemap: true,
  },
});
