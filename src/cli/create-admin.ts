import { parseArgs } from 'node:util';
import { z } from 'zod';
import '../server/zod-messages.js';
import type { Config } from '../config.js';
import { StartupError } from '../db/startup-error.js';
import { systemClock } from '../server/clock.js';
import { AppError } from '../server/errors.js';
import { regionCode } from '../server/features/regions/routes.js';
import { createRegionAdmin } from '../server/features/setup/setup.js';
import { mobilePhone, text, username } from '../server/schemas.js';
import { withDatabase } from './with-database.js';

const createAdminInput = z.object({
  region: z.object({ code: regionCode, name: text(50), level: z.enum(['province', 'city', 'county']) }),
  admin: z.object({ username, displayName: text(30), phone: mobilePhone.nullable() }),
});

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
  // The same rules as the setup page.
  const checked = createAdminInput.safeParse({
    region: { code: values['region-code'], name: values['region-name'], level },
    admin: { username: values.username, displayName: values['display-name'], phone: values.phone ?? null },
  });
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new StartupError('USAGE', `输入有误：\n  ${problems}`, 'See above which argument is wrong.');
  }
  const password = await readPassword();
  await withDatabase(config, async (database) => {
    try {
      const { userId } = await createRegionAdmin(
        {
          db: database.db,
          database,
          clock: systemClock,
          accountClock: systemClock,
          meta: { ip: null, userAgent: 'kehou create-admin' },
        },
        {
          region: checked.data.region,
          admin: { ...checked.data.admin, password },
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
