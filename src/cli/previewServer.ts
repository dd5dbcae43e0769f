// The built app served by `vite preview` for benches that drive it in
// Chromium: built first, stopped with its whole process group. The port is
// VIGIL_BENCH_PORT when set (sessions sharing a machine keep to their own
// ports), else a free one.

import { spawn, spawnSync } from 'node:child_process';
import { freePort, waitReady } from './prometheusProcess';

export interface PreviewServer {
  url: string;
  stop(): void;
}

export async function servePreview(): Promise<PreviewServer> {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error(`vite build failed (${build.status})`);
  const port = Number(process.env.VIGIL_BENCH_PORT) || (await freePort());
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/`);
  return {
    url,
    stop: () => {
      // npx starts vite under it; the group takes both.
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
    },
  };
}
