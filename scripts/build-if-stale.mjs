// Builds the web app with Vite when dist/web is missing or older than its sources, so that
// `npm run demo` and `npm start` work on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const output = path.join(root, 'dist/web/index.html');

function newest(target) {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function webBuildIsStale() {
  if (!fs.existsSync(output)) return true;
  const sources = ['src/web', 'src/domain', 'vite.config.ts', 'package-lock.json'].map((p) =>
    path.join(root, p),
  );
  const built = fs.statSync(output).mtimeMs;
  return sources.some((p) => fs.existsSync(p) && newest(p) > built);
}

export function buildWebIfStale() {
  if (!webBuildIsStale()) return;
  console.log('构建网页 / building the web app…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfStale();
