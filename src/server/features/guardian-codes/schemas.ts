import { z } from 'zod';
import { text } from '../../schemas.js';

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
