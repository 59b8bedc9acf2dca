import { z } from 'zod';
import { text, typedString } from '../../schemas.js';

export const schoolParams = z.object({ schoolId: z.uuid() });
export const visitParams = z.object({ schoolId: z.uuid(), visitId: z.uuid() });
// Visits are per calendar date in the school's zone (the gate works every day); today when absent.
export const visitsQuery = z.object({ date: z.iso.date().optional() });

export const createVisitBody = z.strictObject({
  visitorName: text(40),
  // A mainland mobile in any way people write it (138 0013 8000, +86…); empty for none.
  phone: typedString(30).nullish(),
  organisation: text(60).nullish(),
  // 送物品, 接孩子, 维修, 来访 … or anything the gate writes.
  purpose: text(60),
  // Whom the visitor comes to see (a teacher, the office).
  host: text(40),
});
export type CreateVisitBody = z.infer<typeof createVisitBody>;

const person = z.object({ userId: z.uuid(), name: z.string() });

export const visitSchema = z.object({
  visitId: z.uuid(),
  visitDate: z.iso.date(),
  visitorName: z.string(),
  phone: z.string().nullable(),
  organisation: z.string().nullable(),
  purpose: z.string(),
  host: z.string(),
  inAt: z.iso.datetime({ offset: true }),
  inBy: person,
  outAt: z.iso.datetime({ offset: true }).nullable(),
  outBy: person.nullable(),
});
export type VisitView = z.infer<typeof visitSchema>;

export const visitListSchema = z.object({
  date: z.iso.date(),
  // Visitors still inside (not signed out), listed first.
  inside: z.number(),
  visits: z.array(visitSchema),
});
export type VisitList = z.infer<typeof visitListSchema>;
