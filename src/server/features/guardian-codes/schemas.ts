import { z } from 'zod';
import { roleSchema, text } from '../../schemas.js';

export const issueCodesBody = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('school') }),
  z.strictObject({ scope: z.literal('class'), classId: z.uuid() }),
  z.strictObject({ scope: z.literal('students'), studentIds: z.array(z.uuid()).min(1).max(10_000) }),
  // Staff made by an import have no password either: the same one-time code lets them in.
  z.strictObject({ scope: z.literal('staff') }),
]);
export type IssueCodesBody = z.infer<typeof issueCodesBody>;

export const issuedCodeSchema = z.object({
  grade: z.number().int().nullable(),
  className: z.string().nullable(),
  studentName: z.string().nullable(),
  studentNo: z.string().nullable(),
  name: z.string(),
  relation: z.string().nullable(),
  maskedPhone: z.string(),
  /** Shown once; only its hash is kept. */
  code: z.string(),
});

export const issueCodesResponse = z.object({
  issued: z.number().int(),
  expiresAt: z.iso.datetime(),
  items: z.array(issuedCodeSchema),
});
export type IssueCodesResponse = z.infer<typeof issueCodesResponse>;

export const codeSummaryResponse = z.object({
  /** Guardians of the school without a password (by class of their children). */
  classes: z.array(
    z.object({
      classId: z.uuid(),
      grade: z.number().int(),
      name: z.string(),
      students: z.number().int(),
      guardiansWithoutPassword: z.number().int(),
    }),
  ),
  guardiansWithoutPassword: z.number().int(),
  staffWithoutPassword: z.number().int(),
  /** Codes issued and neither used, revoked nor expired. */
  openCodes: z.number().int(),
});
export type CodeSummary = z.infer<typeof codeSummaryResponse>;

export const codeLoginBody = z.strictObject({
  phone: text(32),
  code: text(32),
});

export const firstPasswordBody = z.strictObject({
  newPassword: z.string().min(1).max(256),
});

// Issue 13.5: accounts locked out of signing in, and the unlock codes that lift a lock.
export const lockedAccountSchema = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  username: z.string().nullable(),
  maskedPhone: z.string().nullable(),
  /** The person's roles at this school. */
  roles: z.array(roleSchema),
  /** Failed sign-ins since the last success, within the last 15 minutes. */
  failures: z.number().int(),
  /** When the lock lifts by itself (the real time, also on the demo clock), and how long until then. */
  lockedUntil: z.iso.datetime(),
  secondsLeft: z.number().int(),
});
export const lockedAccountsResponse = z.object({ items: z.array(lockedAccountSchema) });
export type LockedAccounts = z.infer<typeof lockedAccountsResponse>;

export const unlockCodeResponse = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  /** Shown once; only its hash is kept. */
  code: z.string(),
  expiresAt: z.iso.datetime(),
});
export type UnlockCode = z.infer<typeof unlockCodeResponse>;

export const unlockBody = z.strictObject({
  /** Username or phone, as for a password login. */
  identifier: text(64),
  code: text(32),
});
