// Settings from the environment, read in one place.
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  // The application role's URL when an administrator made the role (docs/operations.md).
  appDatabaseUrl: string | undefined;
  secureCookies: boolean;
  trustProxy: boolean;
  publicUrl: string | undefined;
  // Requests a minute per client address.
  rateLimit: number;
  // KEHOU_SECRET: the server secret for keyed hashes (pickup codes); without it kehou keeps one in
  // the data folder (`src/server/secret.ts`).
  secret: string | undefined;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.KEHOU_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    appDatabaseUrl: env.KEHOU_APP_DATABASE_URL || undefined,
    secureCookies: env.KEHOU_SECURE_COOKIES === '1' || env.KEHOU_SECURE_COOKIES === 'true',
    trustProxy: env.KEHOU_TRUST_PROXY === '1' || env.KEHOU_TRUST_PROXY === 'true',
    publicUrl: env.KEHOU_PUBLIC_URL || undefined,
    rateLimit: positive(env.KEHOU_RATE_LIMIT, 3000, 'KEHOU_RATE_LIMIT'),
    secret: env.KEHOU_SECRET || undefined,
  };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number, got ${value}`);
  return n;
}
