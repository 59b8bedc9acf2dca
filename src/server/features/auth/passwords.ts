import { hash, verify } from '@node-rs/argon2';
import { passwordProblem, passwordProblemMessages } from '../../../domain/password-rules.js';
import { AppError } from '../../errors.js';

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane): ≈ 20 ms here.
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches keeps the answer time the same, so that timing
// does not tell which accounts exist.
let dummyHash: Promise<string> | null = null;
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hash('kehou-no-such-account', options);
  await verifyPassword(await dummyHash, password);
  return false;
}

export function assertAcceptablePassword(
  password: string,
  account: { username?: string | null; phone?: string | null },
  field = 'password',
): void {
  const problem = passwordProblem(password, account);
  if (problem) {
    const message = passwordProblemMessages[problem];
    throw new AppError('WEAK_PASSWORD', {
      zh: message.zh,
      en: message.en,
      details: { fields: [{ path: `body.${field}`, message: `${message.zh} / ${message.en}` }] },
    });
  }
}
