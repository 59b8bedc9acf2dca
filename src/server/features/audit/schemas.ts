// F-26 audit log: the list's query and entries. An entry names its target in words (issue 13.9): the
// server resolves the object's name — the child with the class, the person, the school, the term… —
// and the page says the action in the reader's language.
import { z } from 'zod';
import { pageQuery } from '../../schemas.js';
import { releaseDetailSchema } from '../departure/schemas.js';

const isoDate = z.iso.date();

export const auditQuery = z
  .strictObject({
    schoolId: z.uuid().optional(),
    action: z
      .string()
      .trim()
      .regex(/^[a-z_.]{1,60}$/)
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageQuery,
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: '开始日期不能晚于结束日期 / The start date is after the end date',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof auditQuery>;

// What an entry is about, by kind; null when the object is gone or has no name to give.
export const auditTargetSchema = z.discriminatedUnion('kind', [
  // A child: the gate's actions, applications, leave.
  z.object({ kind: z.literal('student'), name: z.string(), grade: z.number().int(), className: z.string() }),
  z.object({
    kind: z.literal('pickup_person'),
    name: z.string(),
    relation: z.string(),
    // The child the person collects.
    student: z.string().nullable(),
  }),
  // An account, a staff member (or the staff member of a responsibility letter).
  z.object({ kind: z.literal('person'), name: z.string() }),
  // What was typed at sign-in (a username or phone; it may name no account).
  z.object({ kind: z.literal('login'), name: z.string() }),
  z.object({ kind: z.literal('school'), name: z.string() }),
  z.object({ kind: z.literal('region'), name: z.string() }),
  z.object({ kind: z.literal('plan'), school: z.string(), term: z.string() }),
  // A term, and the term's rota or grouping.
  z.object({ kind: z.literal('term'), name: z.string() }),
  z.object({
    kind: z.literal('roster'),
    term: z.string(),
    weekday: z.number().int().nullable(),
    group: z.string().nullable(),
  }),
  z.object({ kind: z.literal('policy_version'), region: z.string(), version: z.number().int() }),
  z.object({
    kind: z.literal('handover'),
    date: z.string(),
    stage: z.string(),
    group: z.string().nullable(),
  }),
  z.object({ kind: z.literal('visitor'), name: z.string(), date: z.string() }),
  // A day: a closed service day, a no-service day, a calendar entry, a wrong pickup code's day.
  z.object({ kind: z.literal('date'), date: z.string() }),
]);
export type AuditTarget = z.infer<typeof auditTargetSchema>;

export const entrySchema = z.object({
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }),
  // Null: the system (a job).
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  target: auditTargetSchema.nullable(),
  schoolName: z.string().nullable(),
  ip: z.string().nullable(),
  // The device the write names (the gate's phone, `deviceId`), else the browser's user agent.
  device: z.string().nullable(),
  // A release at the gate (departure.release): how it was verified and whether it was early and
  // confirmed (issue 14.4; null checks on records made before the check existed). Null otherwise.
  release: releaseDetailSchema.pick({ method: true, identityCheck: true, early: true }).nullable(),
});
export type AuditListEntry = z.infer<typeof entrySchema>;
