// Creating an account, shared by the members route, the one-time setup and `kehou create-admin`.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { users } from '../../../db/schema.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { assertAcceptablePassword, hashPassword } from '../auth/passwords.js';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface NewUser {
  username: string;
  displayName: string;
  phone?: string | null | undefined;
  password: string;
}

// Checks and hashes first (slow, outside any transaction); `insertUser` then writes.
export async function prepareUser(input: NewUser) {
  assertAcceptablePassword(input.password, { username: input.username, phone: input.phone ?? null });
  return {
    username: input.username,
    displayName: input.displayName,
    phone: input.phone ?? null,
    passwordHash: await hashPassword(input.password),
  };
}

export async function insertUser(
  tx: Tx | Db,
  prepared: Awaited<ReturnType<typeof prepareUser>>,
): Promise<string> {
  const taken = await tx
    .select({ username: users.username, phone: users.phone })
    .from(users)
    .where(
      sql`lower(${users.username}) = lower(${prepared.username})${prepared.phone ? sql` or ${users.phone} = ${prepared.phone}` : sql``}`,
    );
  if (taken.some((u) => u.username?.toLowerCase() === prepared.username.toLowerCase())) {
    throw new AppError('USERNAME_TAKEN', {
      details: {
        fields: [{ path: 'body.username', message: '该用户名已被使用 / This username is already taken' }],
      },
    });
  }
  if (taken.length > 0) {
    throw new AppError('PHONE_TAKEN', {
      details: {
        fields: [
          {
            path: 'body.phone',
            message: '该手机号已被其他账号使用 / This phone number belongs to another account',
          },
        ],
      },
    });
  }
  try {
    const [row] = await tx.insert(users).values(prepared).returning({ id: users.id });
    if (!row) throw new Error('insert returned nothing');
    return row.id;
  } catch (error) {
    if (isUniqueViolation(error, 'users_username_key')) throw new AppError('USERNAME_TAKEN');
    if (isUniqueViolation(error, 'users_phone_key')) throw new AppError('PHONE_TAKEN');
    throw error;
  }
}
