// The server secret: the key of the keyed hashes kehou stores instead of values that must not be read
// back from the database (pickup codes, issue 13.8). `KEHOU_SECRET` from the environment when set —
// every process of one deployment must then share it — else a random secret made once in the data
// folder (`$KEHOU_DATA_DIR/secret`, mode 600, beside the embedded database's `credentials.json`).
// Whoever holds the secret and a copy of the database can recompute every pickup code of the day;
// keep it out of backups and off other machines (docs/operations.md).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../db/startup-error.js';

// 32 characters of base64url are 192 bits; a passphrase of that length is enough as well.
export const MIN_SECRET_LENGTH = 32;
export const SECRET_FILE = 'secret';

export function loadServerSecret(options: { secret: string | undefined; dataDir: string }): Buffer {
  if (options.secret !== undefined) return checked(options.secret, 'KEHOU_SECRET');
  const file = path.join(options.dataDir, SECRET_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    try {
      // `wx`: two processes starting on a new folder at once keep the first one's secret.
      fs.writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return checked(fs.readFileSync(file, 'utf8').trim(), file);
}

function checked(secret: string, from: string): Buffer {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new StartupError(
      'SECRET_TOO_SHORT',
      `服务器密钥（${from}）至少需要 ${MIN_SECRET_LENGTH} 个字符，例如 openssl rand -base64 32 的输出。`,
      `The server secret (${from}) needs at least ${MIN_SECRET_LENGTH} characters, e.g. the output of openssl rand -base64 32.`,
    );
  }
  return Buffer.from(secret, 'utf8');
}
