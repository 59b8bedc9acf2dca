import { z } from 'zod';

const bilingual = z.object({ zh: z.string(), en: z.string() });
const person = z.object({ staffId: z.uuid(), name: z.string() });
const seasonMinutes = z.object({ other: z.number(), summer: z.number() });

export const rotaProblemSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  clause: z.string(),
  weekday: z.number().optional(),
  staffId: z.string().optional(),
  fromDuty: z.boolean(),
  message: bilingual,
});

export const rotaViewSchema = z.object({
  term: z.object({
    termId: z.uuid(),
    name: z.string(),
    firstDay: z.iso.date(),
    lastDay: z.iso.date(),
  }),
  // The days the rota is in force; a letter must cover all of them (A 三.1).
  period: z.object({ from: z.iso.date(), to: z.iso.date() }),
  serviceWeekdays: z.array(z.number()),
  // How long the duty chief stays after the end time (the policy's pickup grace, F-14).
  dutyChiefExtraMinutes: z.number(),
  days: z.array(
    z.object({
      weekday: z.number(),
      // First session's start ('HH:MM') and the end times of the seasons (B 二).
      start: z.string().nullable(),
      end: z.object({ other: z.string(), summer: z.string() }),
      // Children enrolled that weekday (not `children`: antd tables read that as nested rows).
      enrolled: z.number(),
      managersRequired: z.number(),
      groups: z.array(
        z.object({
          groupId: z.uuid(),
          name: z.string(),
          grades: z.array(z.number()),
          venueName: z.string().nullable(),
          enrolled: z.number(),
          teacher: person.nullable(),
        }),
      ),
      dutyChief: person.nullable(),
      managers: z.array(person),
    }),
  ),
  // Everyone who could be on the rota, with the weekdays they may take a duty on.
  staff: z.array(
    z.object({
      staffId: z.uuid(),
      name: z.string(),
      kind: z.enum(['teacher', 'manager']),
      archived: z.boolean(),
      assignableWeekdays: z.array(z.number()),
    }),
  ),
  hours: z.array(
    z.object({
      staffId: z.uuid(),
      name: z.string(),
      kind: z.enum(['teacher', 'manager']),
      days: z.array(
        z.object({ weekday: z.number(), roles: z.array(z.enum(['duty_chief', 'manager', 'group_teacher'])) }),
      ),
      minutesPerWeek: seasonMinutes,
      overloaded: z.boolean(),
    }),
  ),
  fairness: z.object({
    people: z.number(),
    min: z.number(),
    median: z.number(),
    max: z.number(),
    // max − min, shown as information.
    spread: z.number(),
    // The region's limit per person a week (minutes); above it a person is overloaded.
    limit: z.number(),
    // Whether the limit is the platform's default (the region has not set its own number).
    limitIsPlatformDefault: z.boolean(),
    overloaded: z.array(z.string()),
    idle: z.array(z.string()),
  }),
  problems: z.array(rotaProblemSchema),
  editable: z.boolean(),
  // The reader's own staff record (linked by account), to show them their days.
  me: z.uuid().nullable(),
});
export type RotaView = z.infer<typeof rotaViewSchema>;

export const saveRotaBody = z.strictObject({
  days: z
    .array(
      z.strictObject({
        weekday: z.number().int().min(1).max(7),
        dutyChiefStaffId: z.uuid().nullable(),
        managerStaffIds: z
          .array(z.uuid())
          .max(20)
          .refine((ids) => new Set(ids).size === ids.length, {
            message: '同一人重复 / The same person is given twice',
          }),
      }),
    )
    .max(7)
    .refine((days) => new Set(days.map((d) => d.weekday)).size === days.length, {
      message: '星期重复 / A weekday is given twice',
    }),
});
export type SaveRotaBody = z.infer<typeof saveRotaBody>;
