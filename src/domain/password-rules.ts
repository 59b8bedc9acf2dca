// Password rules for accounts (issue "Foundation" item 4): at least 10 characters, not a common
// password, not the account's own name or phone. Pure; the server hashes with argon2id.
import { COMMON_PASSWORDS } from './common-passwords.js';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'same_as_account';

export function passwordProblem(
  password: string,
  account: { username?: string | null; phone?: string | null } = {},
): PasswordProblem | null {
  // Count characters, not UTF-16 units: a Chinese passphrase of 10 characters is 10 long.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isMonotonous(lower)) return 'common';
  const own = [account.username, account.phone]
    .filter((v): v is string => Boolean(v))
    .map((v) => v.toLowerCase());
  if (own.some((v) => lower === v || (lower.includes(v) && v.length >= 6))) return 'same_as_account';
  return null;
}

// One repeated character, or a run of consecutive digits or letters (1234567890, abcdefghij).
function isMonotonous(password: string): boolean {
  if (new Set(password).size === 1) return true;
  const codes = [...password].map((c) => c.codePointAt(0) ?? 0);
  const ascending = codes.every((c, i) => i === 0 || c === (codes[i - 1] ?? 0) + 1);
  const descending = codes.every((c, i) => i === 0 || c === (codes[i - 1] ?? 0) - 1);
  return ascending || descending;
}

export const passwordProblemMessages: Record<PasswordProblem, { zh: string; en: string }> = {
  too_short: {
    zh: `密码至少 ${MIN_PASSWORD_LENGTH} 位`,
    en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  too_long: {
    zh: `密码最多 ${MAX_PASSWORD_LENGTH} 位`,
    en: `The password may have at most ${MAX_PASSWORD_LENGTH} characters`,
  },
  common: { zh: '这是常见密码，容易被猜到，请换一个', en: 'This is a common password that is easy to guess' },
  same_as_account: {
    zh: '密码不能包含用户名或手机号',
    en: 'The password must not contain the username or phone number',
  },
};
