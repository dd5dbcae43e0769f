import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pwa } from './pwa.config';

export default defineConfig({
  plugins: [react(), ...pwa()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: true },
  preview: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: true },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1024 },
});
