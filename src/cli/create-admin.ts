import { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { StartupError } from '../db/startup-error.js';
import { systemClock } from '../server/clock.js';
import { AppError } from '../server/errors.js';
import { createRegionAdmin } from '../server/features/setup/setup.js';
import { withDatabase } from './with-database.js';

async function readPassword(): Promise<string> {
  const fromEnv = process.env.KEHOU_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stdout.write('密码 / password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
}

export async function createAdminCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'region-code': { type: 'string' },
      'region-name': { type: 'string' },
      'region-level': { type: 'string', default: 'city' },
      username: { type: 'string' },
      'display-name': { type: 'string' },
      phone: { type: 'string' },
    },
  });
  const level = values['region-level'];
  if (!values['region-code'] || !values['region-name'] || !values.username || !values['display-name']) {
    throw new StartupError(
      'USAGE',
      '需要 --region-code、--region-name、--username、--display-name',
      'Needs --region-code, --region-name, --username and --display-name',
    );
  }
  if (level !== 'province' && level !== 'city' && level !== 'county') {
    throw new StartupError(
      'USAGE',
      '--region-level 须为 province、city 或 county',
      '--region-level must be province, city or county',
    );
  }
  const password = await readPassword();
  await withDatabase(config, async (database) => {
    try {
      const { userId } = await createRegionAdmin(
        {
          db: database.db,
          database,
          clock: systemClock,
          meta: { ip: null, userAgent: 'kehou create-admin' },
        },
        {
          region: { code: values['region-code'] as string, name: values['region-name'] as string, level },
          admin: {
            username: values.username as string,
            displayName: values['display-name'] as string,
            phone: values.phone ?? null,
            password,
          },
        },
        { regionCodeMayExist: true },
      );
      console.log(`已创建教育局管理员 / bureau administrator created: ${values.username} (${userId})`);
    } catch (error) {
      if (error instanceof AppError) throw new StartupError(error.code, error.zh, error.en);
      throw error;
    }
  });
  return 0;
}
