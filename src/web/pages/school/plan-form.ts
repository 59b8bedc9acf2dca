// The term plan (一校一案, F-02) as the school's form holds it, and back. The form keeps what a person
// types: dated documents as two date fields, a session's weekdays empty for "every day served", a
// departure batch's seasons as one choice. Ids of venues, staff and groups are made here, never typed:
// sessions and groups pick venues and people by name.
import type { IsoDate, Weekday } from '../../../domain/dates';
import type {
  DepartureBatch,
  EmergencyContact,
  InsuranceKind,
  PlanGroup,
  PlanSession,
  PlanStaff,
  PlanVenue,
  StaffRole,
  TermPlan,
} from '../../../domain/plan';
import type { Season } from '../../../domain/policy';

export type BatchSeasons = 'both' | Season;

export interface SessionRow {
  /** Empty: every weekday the plan serves. */
  weekdays: Weekday[];
  start: string;
  end: string;
  activity: string;
  category: string | null;
  kind: string | null;
  venueId: string | null;
  staffIds: string[];
}

export interface BatchRow {
  name: string;
  time: string;
  seasons: BatchSeasons;
}

export interface VenueRow {
  id: string;
  name: string;
  capacity: number | null;
  inspectionPassedOn: IsoDate | null;
  inspectionValidUntil: IsoDate | null;
}

export interface StaffRow {
  id: string;
  name: string;
  role: StaffRole;
  letterSignedOn: IsoDate | null;
  letterValidUntil: IsoDate | null;
}

export interface GroupRow {
  id: string;
  name: string;
  grades: number[];
  venueId: string | null;
  teacherId: string | null;
}

export interface InsuranceRow {
  kind: InsuranceKind;
  insurer: string;
  number: string;
  coverFrom: IsoDate | null;
  coverTo: IsoDate | null;
}

export interface PlanFormValues {
  /** 服务开始日期; null: the unified start date (B 六(五)). */
  startsOn: IsoDate | null;
  weekdays: Weekday[];
  grades: number[];
  expectedStudents: number | null;
  endTimes: Record<Season, string>;
  timetable: SessionRow[];
  departureBatches: BatchRow[];
  venues: VenueRow[];
  staff: StaffRow[];
  groups: GroupRow[];
  emergencyContacts: EmergencyContact[];
  principalOfficePhone: string;
  insurance: InsuranceRow[];
  /** 调休上班日 (issue 14.17): 'policy' leaves it to the region's default. */
  makeUpWorkdays: 'policy' | 'served' | 'not_served';
  makeUpTimetableWeekday: 1 | 2 | 3 | 4 | 5 | null;
}

const text = (value: string | null | undefined) => (value ?? '').trim();
const sorted = <T extends number>(values: readonly T[] | null | undefined): T[] =>
  [...new Set(values ?? [])].sort((a, b) => a - b);

function batchSeasons(seasons: readonly Season[] | undefined): BatchSeasons {
  if (seasons?.length !== 1) return 'both';
  return seasons[0] as Season;
}

export function planToForm(plan: TermPlan): PlanFormValues {
  return {
    startsOn: plan.startsOn ?? null,
    weekdays: sorted(plan.weekdays),
    grades: sorted(plan.grades),
    expectedStudents: plan.expectedStudents ?? null,
    endTimes: { ...plan.endTimes },
    timetable: plan.timetable.map((s) => ({
      weekdays: sorted(s.weekdays),
      start: s.start,
      end: s.end,
      activity: s.activity,
      category: s.category,
      kind: s.kind,
      venueId: s.venueId || null,
      staffIds: [...s.staffIds],
    })),
    departureBatches: plan.departureBatches.map((b) => ({
      name: b.name,
      time: b.time,
      seasons: batchSeasons(b.seasons),
    })),
    venues: plan.venues.map((v) => ({
      id: v.id,
      name: v.name,
      capacity: v.capacity,
      inspectionPassedOn: v.safetyInspection?.passedOn ?? null,
      inspectionValidUntil: v.safetyInspection?.validUntil ?? null,
    })),
    staff: plan.staff.map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      letterSignedOn: p.responsibilityLetter?.signedOn ?? null,
      letterValidUntil: p.responsibilityLetter?.validUntil ?? null,
    })),
    groups: plan.groups.map((g) => ({
      id: g.id,
      name: g.name,
      grades: sorted(g.grades),
      venueId: g.venueId ?? null,
      teacherId: g.teacherId ?? null,
    })),
    emergencyContacts: plan.emergencyContacts.map((c) => ({ ...c })),
    principalOfficePhone: plan.principalOfficePhone,
    insurance: plan.insurance.map((p) => ({ ...p })),
    makeUpWorkdays: plan.makeUpWorkdays ?? 'policy',
    makeUpTimetableWeekday: plan.makeUpTimetableWeekday ?? null,
  };
}

/** A dated document is recorded only when both of its dates are (A 三.4, A 三.1). */
function dated<K extends string>(
  from: IsoDate | null | undefined,
  until: IsoDate | null | undefined,
  keys: readonly [K, 'validUntil'],
): Record<K | 'validUntil', IsoDate> | null {
  if (!from || !until) return null;
  return { [keys[0]]: from, validUntil: until } as Record<K | 'validUntil', IsoDate>;
}

/** The plan the form describes, for the live check and for saving. */
export function formToPlan(values: PlanFormValues): TermPlan {
  const timetable: PlanSession[] = (values.timetable ?? []).map((s) => {
    const weekdays = sorted(s.weekdays);
    return {
      ...(weekdays.length > 0 ? { weekdays } : {}),
      start: text(s.start),
      end: text(s.end),
      activity: text(s.activity),
      category: s.category ?? '',
      kind: s.kind ?? '',
      venueId: s.venueId ?? '',
      staffIds: [...(s.staffIds ?? [])],
    };
  });
  const departureBatches: DepartureBatch[] = (values.departureBatches ?? []).map((b) => ({
    name: text(b.name),
    time: text(b.time),
    ...(b.seasons === 'summer' || b.seasons === 'other' ? { seasons: [b.seasons] } : {}),
  }));
  const venues: PlanVenue[] = (values.venues ?? []).map((v) => ({
    id: v.id,
    name: text(v.name),
    capacity: v.capacity ?? 0,
    safetyInspection: dated(v.inspectionPassedOn, v.inspectionValidUntil, ['passedOn', 'validUntil']),
  }));
  const staff: PlanStaff[] = (values.staff ?? []).map((p) => ({
    id: p.id,
    name: text(p.name),
    role: p.role,
    responsibilityLetter: dated(p.letterSignedOn, p.letterValidUntil, ['signedOn', 'validUntil']),
  }));
  const groups: PlanGroup[] = (values.groups ?? []).map((g) => ({
    id: g.id,
    name: text(g.name),
    grades: sorted(g.grades),
    venueId: g.venueId ?? null,
    teacherId: g.teacherId ?? null,
  }));
  return {
    weekdays: sorted(values.weekdays),
    timetable,
    endTimes: { summer: text(values.endTimes?.summer), other: text(values.endTimes?.other) },
    departureBatches,
    grades: sorted(values.grades),
    expectedStudents: values.expectedStudents ?? null,
    venues,
    staff,
    groups,
    emergencyContacts: (values.emergencyContacts ?? []).map((c) => ({
      name: text(c.name),
      role: text(c.role),
      phone: text(c.phone),
    })),
    principalOfficePhone: text(values.principalOfficePhone),
    insurance: (values.insurance ?? []).map((p) => ({
      kind: p.kind,
      insurer: text(p.insurer),
      number: text(p.number),
      coverFrom: p.coverFrom ?? '',
      coverTo: p.coverTo ?? '',
    })),
    // Stated only when the school sets one; otherwise the unified start date applies.
    ...(values.startsOn ? { startsOn: values.startsOn } : {}),
    // Stated only when the school chose: a plan that leaves it to the region stores neither.
    ...(values.makeUpWorkdays === 'served' || values.makeUpWorkdays === 'not_served'
      ? { makeUpWorkdays: values.makeUpWorkdays }
      : {}),
    ...(values.makeUpTimetableWeekday ? { makeUpTimetableWeekday: values.makeUpTimetableWeekday } : {}),
  };
}

/** A new id for a venue (`v3`), staff member (`s3`) or group (`g3`), unused among `taken`. */
export function nextId(prefix: string, taken: readonly { id: string }[] | undefined): string {
  const used = new Set((taken ?? []).map((row) => row.id));
  for (let n = (taken?.length ?? 0) + 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!used.has(id)) return id;
  }
}

/**
 * Where a finding's field (`timetable[2].end`, `venues[0].safetyInspection`, `insurance`) is on the
 * page: the element id of the row or section to scroll to.
 */
export function findingAnchor(field: string | undefined): string | null {
  if (!field) return null;
  const row = /^(\w+)\[(\d+)\]/.exec(field);
  if (row) return `plan-${row[1]}-${row[2]}`;
  const section = /^(\w+)/.exec(field)?.[1];
  return section ? `plan-${section}` : null;
}

/**
 * The form field a server message about `body.content.…` belongs to, e.g.
 * `body.content.insurance.0.coverFrom` → `['insurance', 0, 'coverFrom']`.
 */
export function formNameOfRequestPath(path: string): (string | number)[] | null {
  const rest = path.replace(/^body\.content\.?/, '');
  if (rest === path || rest === '') return null;
  const parts: (string | number)[] = rest.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Dated documents are two fields in the form.
  const [list, index, key, sub] = parts;
  if (list === 'venues' && key === 'safetyInspection')
    return [list, index as number, sub === 'validUntil' ? 'inspectionValidUntil' : 'inspectionPassedOn'];
  if (list === 'staff' && key === 'responsibilityLetter')
    return [list, index as number, sub === 'validUntil' ? 'letterValidUntil' : 'letterSignedOn'];
  if (list === 'departureBatches' && key === 'seasons') return [list, index as number, 'seasons'];
  if (list === 'timetable' && (key === 'weekdays' || key === 'staffIds')) return [list, index as number, key];
  return parts;
}
