import { z } from 'zod';
import type { PublicNotice } from '../../../domain/notice.js';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const date = z.iso.date();
const season = z.enum(['summer', 'other']);

const weekday = z.literal([1, 2, 3, 4, 5, 6, 7]);

// 班组与负责人 of each weekday: the saved grouping's groups and the rota's people once saved, the plan's
// groups before (`groupsFrom`). Names only.
export const inChargeSchema = z.object({
  groupsFrom: z.enum(['grouping', 'plan']),
  rotaSaved: z.boolean(),
  days: z.array(
    z.object({
      weekday,
      groups: z.array(
        z.object({
          name: z.string(),
          grades: z.array(z.number().int()),
          venue: z.string().nullable(),
          leader: z.string().nullable(),
        }),
      ),
      dutyChief: z.string().nullable(),
      managers: z.array(z.string()),
    }),
  ),
});

// What anyone may read without login (F-05). No ids of people or places, nothing internal.
export const publicNoticeSchema = z.object({
  school: z.object({
    code: z.string(),
    name: z.string(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  term: z.object({
    code: z.string(),
    name: z.string(),
    firstDay: date,
    lastDay: date,
    startsOn: date.nullable(),
  }),
  version: z.number().int(),
  publishedAt: z.iso.datetime({ offset: true }),
  grades: z.array(z.number().int()),
  serviceItems: z.array(
    z.object({ category: z.string(), label: bilingual, activities: z.array(z.string()) }),
  ),
  schedule: z.array(
    z.object({
      weekday,
      label: bilingual,
      sessions: z.array(
        z.object({
          start: z.string(),
          end: z.string(),
          activity: z.string(),
          category: bilingual,
          kind: bilingual,
          venue: z.string().nullable(),
          staff: z.array(z.string()),
        }),
      ),
    }),
  ),
  endTimes: z.object({ summer: z.string(), other: z.string() }),
  summerSeason: z.object({ from: z.string(), to: z.string() }).nullable(),
  departureBatches: z.array(z.object({ name: z.string(), time: z.string(), seasons: z.array(season) })),
  venues: z.array(z.object({ name: z.string() })),
  // The people in charge (src/domain/in-charge.ts): of the saved grouping and rota, else of the plan.
  staff: z.array(z.object({ name: z.string(), role: bilingual })),
  inCharge: inChargeSchema,
  insurance: z.array(z.object({ kind: bilingual, insurer: z.string(), coverFrom: date, coverTo: date })),
  contacts: z.object({
    principalOfficePhone: z.string(),
    emergency: z.array(z.object({ name: z.string(), role: z.string(), phone: z.string() })),
  }),
  fees: z.object({ free: z.boolean(), text: bilingual, clause: z.string() }),
  application: z.object({ apply: bilingual, withdraw: bilingual, clause: z.string() }),
}) satisfies z.ZodType<PublicNotice>;
