// The `kehou` command: serve, demo, migrate, create-admin, backup, restore.
import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { StartupError } from '../db/startup-error.js';

const usage = `kehou — 课后服务平台 / after-school service platform

用法 / usage:
  kehou serve                     启动服务 / start the server (PORT, KEHOU_DATA_DIR, DATABASE_URL)
  kehou demo                      载入演示数据并启动 / load demo data and start
  kehou migrate                   执行数据库迁移 / apply database migrations
  kehou create-admin --region-code 440300 --region-name 深圳市 --region-level city
                     --username admin --display-name 张三 [--phone 13800138000]
                                  新建教育局管理员（密码从 KEHOU_ADMIN_PASSWORD 或标准输入读取）
                                  create a bureau administrator (password from KEHOU_ADMIN_PASSWORD or stdin)
  kehou backup <file> [--school <学校标识码>]
                                  在线备份（不停机）/ online, consistent backup (no downtime)
  kehou restore <file>            恢复到空数据库，或把一所学校迁入另一个数据库
                                  restore into an empty database, or move one school into another
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = readConfig();
  switch (command) {
    case 'serve': {
      const { serve } = await import('./serve.js');
      await serve(config, { demo: false });
      return -1;
    }
    case 'demo': {
      const { serve } = await import('./serve.js');
      await serve(config, { demo: true });
      return -1;
    }
    case 'migrate': {
      const { withDatabase } = await import('./with-database.js');
      await withDatabase(config, async (database) => {
        console.log(`数据库已是最新 / database migrated (${database.kind})`);
      });
      return 0;
    }
    case 'create-admin': {
      const { createAdminCommand } = await import('./create-admin.js');
      return createAdminCommand(config, rest);
    }
    case 'backup': {
      const { values, positionals } = parseArgs({
        args: rest,
        options: { school: { type: 'string' } },
        allowPositionals: true,
      });
      const file = positionals[0];
      if (!file) throw new StartupError('USAGE', '请指定备份文件路径', 'Name the backup file');
      const { backupCommand } = await import('./backup.js');
      return backupCommand(config, file, values.school);
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new StartupError('USAGE', '请指定备份文件路径', 'Name the backup file');
      const { restoreCommand } = await import('./backup.js');
      return restoreCommand(config, file);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    default:
      console.error(`未知命令 / unknown command: ${command}\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof StartupError) {
      console.error(`\n✖ ${error.zh}\n  ${error.en}\n`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
