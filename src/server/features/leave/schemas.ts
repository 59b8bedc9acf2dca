import { z } from 'zod';
import { multilineText } from '../../schemas.js';

export const studentParams = z.object({ schoolId: z.uuid(), studentId: z.uuid() });
export const leaveParams = studentParams.extend({ leaveId: z.uuid() });

export const leaveBody = z.strictObject({
  fromDate: z.iso.date(),
  toDate: z.iso.date(),
  reason: multilineText(200),
});
export type LeaveBody = z.infer<typeof leaveBody>;

export const leaveSchema = z.object({
  leaveId: z.uuid(),
  studentId: z.uuid(),
  fromDate: z.iso.date(),
  toDate: z.iso.date(),
  reason: z.string(),
  requestedAt: z.iso.datetime(),
  requestedByName: z.string().nullable(),
  // Recorded by the school office for the guardian (a phone call), not by the guardian.
  byStaff: z.boolean(),
  cancelledAt: z.iso.datetime().nullable(),
  // The guardian may cancel until the day it starts.
  cancellable: z.boolean(),
});
export type LeaveView = z.infer<typeof leaveSchema>;

export const createdLeaveSchema = leaveSchema.extend({
  // The service days of the range on which the child attends (only these reach the roll call).
  serviceDates: z.array(z.iso.date()),
});
export type CreatedLeave = z.infer<typeof createdLeaveSchema>;

export const leaveListSchema = z.object({
  studentId: z.uuid(),
  name: z.string(),
  today: z.iso.date(),
  items: z.array(leaveSchema),
});
export type LeaveList = z.infer<typeof leaveListSchema>;
