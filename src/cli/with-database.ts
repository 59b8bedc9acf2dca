import type { Config } from '../config.js';
import { type Database, openDatabase } from '../db/connect.js';

// Opens the database (embedded or DATABASE_URL), migrated, runs `work`, and closes it again. The
// console commands (migrate, backup, restore, create-admin) run as the owner role: a backup reads
// the migrations' own table and a restore writes the append-only ones, which the app role may not.
// With `shareRunning`, a kehou serving the embedded database's folder is no obstacle: the command uses
// its database (issue 13.3: an online backup beside the running server).
export async function withDatabase<T>(
  config: Config,
  work: (database: Database) => Promise<T>,
  options: { shareRunning?: boolean } = {},
): Promise<T> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    role: 'owner',
    ...(options.shareRunning ? { shareRunning: true } : {}),
    log: (line) => console.log(line),
  });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
