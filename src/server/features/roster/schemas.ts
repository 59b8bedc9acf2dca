import { z } from 'zod';
import { queryInteger } from '../../schemas.js';

export const rosterParams = z.object({ schoolId: z.uuid(), termId: z.uuid() });

export const rosterQuery = z.strictObject({
  weekday: queryInteger(1, 7),
  groupId: z.uuid().optional(),
});
export type RosterQuery = z.infer<typeof rosterQuery>;

const contact = z.object({ name: z.string(), relation: z.string(), phone: z.string().nullable() });
// F-13 核对接送人: `photoUrl` only for those who check who collects a child (roster.whole_school) and
// only where the guardian gave a photo.
const pickupContact = contact.extend({ id: z.uuid(), photoUrl: z.string().nullable() });

export const rosterChildSchema = z.object({
  enrollmentId: z.uuid(),
  studentId: z.uuid(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  grade: z.number().int(),
  className: z.string(),
  // 弹性离校 (C 2): the batch the guardian chose.
  departureBatch: z.string(),
  // 延时托管 (C).
  extendedCustody: z.boolean(),
  // F-13: only with the guardian's recorded permission.
  mayLeaveAlone: z.boolean(),
  guardians: z.array(contact),
  pickupPersons: z.array(pickupContact),
});
export type RosterChild = z.infer<typeof rosterChildSchema>;

export const rosterGroupSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  grades: z.array(z.number().int()),
  venueId: z.string().nullable(),
  venueName: z.string().nullable(),
  capacity: z.number().int().nullable(),
  teacherName: z.string().nullable(),
  children: z.array(rosterChildSchema),
});
export type RosterGroup = z.infer<typeof rosterGroupSchema>;

export const rosterViewSchema = z.object({
  school: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  term: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  weekday: z.number().int(),
  // The day the roster is read as of: children whose withdrawal has taken effect are not on it.
  asOf: z.string(),
  // Phones in full (roster.full_phones), else masked 138****1234.
  fullPhones: z.boolean(),
  scope: z.enum(['school', 'own_groups']),
  groups: z.array(rosterGroupSchema),
  // Children attending that weekday who are in no group yet (whole-school readers, no group asked).
  ungrouped: z.array(rosterChildSchema),
});
export type RosterView = z.infer<typeof rosterViewSchema>;
