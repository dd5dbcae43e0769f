// `npm start`: builds Vigil and serves it with its embedded demo on 127.0.0.1
// (port 5173, or PORT), printing the URL on a line of its own.

import { spawn, spawnSync } from 'node:child_process';

const port = process.env.PORT ?? '5173';
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let announced = false;
server.stdout.on('data', (chunk) => {
  if (!announced && String(chunk).includes(port)) {
    announced = true;
    process.stdout.write(`http://127.0.0.1:${port}/\n`);
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
