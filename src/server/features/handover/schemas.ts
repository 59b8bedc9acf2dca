import { z } from 'zod';
import { multilineText, text } from '../../schemas.js';

export const dayParams = z.object({ schoolId: z.uuid(), date: z.iso.date() });

export const createHandoverBody = z.strictObject({
  // start: class teacher → care staff; end: care staff → duty chief or extended custody (B 六(三)).
  stage: z.enum(['start', 'end']),
  // A group of the day; without one the whole school's children (duty chief, school admin).
  groupId: z.uuid().nullish(),
  fromName: text(40),
  toName: text(40),
  countedCount: z.number().int().min(0).max(5000),
  // Required when the count differs from the expected one.
  discrepancies: multilineText(500).nullish(),
});
export type CreateHandoverBody = z.infer<typeof createHandoverBody>;

export const handoverSchema = z.object({
  handoverId: z.uuid(),
  stage: z.enum(['start', 'end']),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  fromName: z.string(),
  toName: z.string(),
  expectedCount: z.number(),
  countedCount: z.number(),
  discrepancies: z.string().nullable(),
  recordedBy: z.object({ userId: z.uuid(), name: z.string() }),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type HandoverView = z.infer<typeof handoverSchema>;

const expected = z.object({ start: z.number(), end: z.number() });

// Who hands over to whom, proposed from the grouping and the rota (src/domain/handover-parties.ts);
// null: several people or nobody known, to be filled in.
const parties = z.object({ from: z.string().nullable(), to: z.string().nullable() });
const stageParties = z.object({ start: parties, end: parties });

export const handoverDaySchema = z.object({
  date: z.iso.date(),
  closed: z.boolean(),
  // The day's duty chief (A 三.6), who takes over at the end.
  dutyChief: z.object({ name: z.string() }).nullable(),
  // The groups the reader may record a handover for, with the head-counts expected now.
  groups: z.array(
    z.object({
      groupId: z.uuid(),
      name: z.string(),
      teacherName: z.string().nullable(),
      expected,
      parties: stageParties,
    }),
  ),
  // Every child of the day (duty chief and school admin only), for a whole-school handover.
  wholeSchool: expected.nullable(),
  wholeSchoolParties: stageParties.nullable(),
  handovers: z.array(handoverSchema),
});
export type HandoverDay = z.infer<typeof handoverDaySchema>;
