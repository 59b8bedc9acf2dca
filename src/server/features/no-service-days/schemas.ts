import { z } from 'zod';
import { text } from '../../schemas.js';

export const noServiceDaySchema = z.object({
  date: z.iso.date(),
  reason: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  createdByName: z.string().nullable(),
});
export type NoServiceDayView = z.infer<typeof noServiceDaySchema>;

export const noServiceDaysQuery = z.strictObject({ termId: z.uuid().optional() });
// F-04: 考试、天气… — why the school does not serve that day.
export const setNoServiceDayBody = z.strictObject({ reason: text(60) });
