import { z } from 'zod';
import { roleSchema, text, typedString } from '../../schemas.js';

// 1 = Monday … 7 = Sunday.
export const weekdaySchema = z.number().int().min(1).max(7);
const isoDate = z.iso.date();

export const letterStatusSchema = z.enum(['current', 'expiring', 'expired', 'missing', 'not_yet']);
export const leadershipPositionSchema = z.enum(['leader', 'deputy', 'member']);

export const letterSchema = z.object({
  letterId: z.uuid(),
  signedOn: isoDate,
  validUntil: isoDate,
  scanFileId: z.uuid(),
  scanFileName: z.string(),
  scanContentType: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});

export const staffItemSchema = z.object({
  staffId: z.uuid(),
  staffNo: z.string().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  kind: z.enum(['teacher', 'manager']),
  weekdays: z.array(weekdaySchema),
  leadershipPosition: leadershipPositionSchema.nullable(),
  leadershipDuties: z.array(z.string()),
  // The account the person signs in with, and its roles at the school.
  account: z
    .object({
      userId: z.uuid(),
      username: z.string().nullable(),
      displayName: z.string(),
      roles: z.array(roleSchema),
    })
    .nullable(),
  letterStatus: letterStatusSchema,
  letters: z.array(letterSchema),
  archivedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type StaffItem = z.infer<typeof staffItemSchema>;

export const staffListSchema = z.object({
  items: z.array(staffItemSchema),
  // A 二 1: one 组长 — 'no_leader' or 'several_leaders' when not so.
  leadershipProblems: z.array(z.object({ code: z.string(), message: z.string() })),
  // School staff accounts not yet linked to a record, to link one (school admin only; else empty).
  linkableAccounts: z.array(
    z.object({
      userId: z.uuid(),
      username: z.string().nullable(),
      displayName: z.string(),
      roles: z.array(roleSchema),
    }),
  ),
});
export type StaffList = z.infer<typeof staffListSchema>;

export const staffListQuery = z.strictObject({
  archived: z.enum(['true', 'false']).optional(),
});

// A staff record as the admin writes it. The phone is read as people type it (138 0013 8000, +86…)
// and stored as 11 digits.
export const staffBody = z.strictObject({
  name: text(30),
  staffNo: text(30).nullable().optional(),
  phone: typedString(30).nullable().optional(),
  kind: z.enum(['teacher', 'manager']),
  weekdays: z
    .array(weekdaySchema)
    .min(1)
    .max(7)
    .refine((days) => new Set(days).size === days.length, { message: '星期重复 / A weekday is given twice' }),
  leadershipPosition: leadershipPositionSchema.nullable().optional(),
  // A 二: named duties (their Chinese text) or the school's own words.
  leadershipDuties: z
    .array(text(60))
    .max(20)
    .refine((d) => new Set(d).size === d.length, { message: '职责重复 / A duty is given twice' })
    .optional(),
  userId: z.uuid().nullable().optional(),
});
export type StaffBody = z.infer<typeof staffBody>;

// The text fields of a letter upload (multipart), checked after the file is read.
export const letterFields = z
  .strictObject({ signedOn: isoDate, validUntil: isoDate })
  .refine((l) => l.signedOn <= l.validUntil, {
    message: '有效期至不能早于签订日期 / Valid until cannot be before the date signed',
    path: ['validUntil'],
  });
