import type { Config } from '../config.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { withDatabase } from './with-database.js';

export async function backupCommand(
  config: Config,
  file: string,
  schoolCode: string | undefined,
): Promise<number> {
  await withDatabase(
    config,
    async (database) => {
      const summary = await backupDatabase({
        pool: database.pool,
        file,
        ...(schoolCode ? { schoolCode } : {}),
        log: (line) => console.log(line),
      });
      const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
      console.log(`备份完成 / backup written: ${file} (${summary.tables.length} tables, ${rows} rows)`);
    },
    { shareRunning: true },
  );
  return 0;
}

export async function restoreCommand(config: Config, file: string): Promise<number> {
  await withDatabase(config, async (database) => {
    const summary = await restoreDatabase({ pool: database.pool, file, log: (line) => console.log(line) });
    const rows = summary.tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(`恢复完成 / restored: ${file} (${summary.tables.length} tables, ${rows} rows)`);
  });
  return 0;
}
