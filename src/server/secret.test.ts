import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupError } from '../db/startup-error.js';
import { loadServerSecret, SECRET_FILE } from './secret.js';

const folders: string[] = [];
function tempFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kehou-secret-'));
  folders.push(dir);
  return path.join(dir, 'data');
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the server secret (issue 13.8)', () => {
  it('is made once in the data folder, readable by its owner only, and kept across starts', () => {
    const dataDir = tempFolder();
    const first = loadServerSecret({ secret: undefined, dataDir });
    const file = path.join(dataDir, SECRET_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadServerSecret({ secret: undefined, dataDir }).equals(first)).toBe(true);
    expect(loadServerSecret({ secret: undefined, dataDir: tempFolder() }).equals(first)).toBe(false);
  });

  it('comes from KEHOU_SECRET when set, and a short one is refused', () => {
    const dataDir = tempFolder();
    const given = 'a-passphrase-of-thirty-two-chars!';
    expect(loadServerSecret({ secret: given, dataDir }).toString('utf8')).toBe(given);
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false);
    expect(() => loadServerSecret({ secret: 'short', dataDir })).toThrow(StartupError);
  });
});
