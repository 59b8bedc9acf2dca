// `npm run dev`: the API (restarting on change, demo data on the embedded database) and Vite's dev
// server with hot reload, which proxies /api to it. Open http://localhost:5173.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const children = [
  spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    ['watch', '--clear-screen=false', 'src/cli/main.ts', 'demo'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  ),
  spawn(path.join(root, 'node_modules/.bin/vite'), ['--host', '0.0.0.0'], { cwd: root, stdio: 'inherit' }),
];
const stop = () => {
  for (const child of children) child.kill('SIGINT');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', () => stop());
