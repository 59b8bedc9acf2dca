// The calendar's month grid (issue 14.16): which month holds which dates, Monday first, and what each
// date is — a holiday, a make-up working day (调休上班), a school's no-service day, a service day, the
// term's first and last day and the unified start (B 六(五)). Built from what the pages already load
// (the plan's service-day summary, the region's calendar and terms), so the browser does not need the
// holiday package: the server decides every day, this only lays it out.
import {
  addDays,
  daysInMonth,
  eachDate,
  type IsoDate,
  isoDate,
  parseIsoDate,
  weekdayOf,
} from '../../domain/dates';

export type DayMark =
  | 'holiday'
  | 'makeup'
  | 'makeupServed'
  | 'noService'
  | 'service'
  | 'termFirst'
  | 'termLast'
  | 'start';

// Marks in the order a cell shows them: what the day is before where it sits in the term.
export const DAY_MARKS: readonly DayMark[] = [
  'holiday',
  'makeupServed',
  'makeup',
  'noService',
  'service',
  'start',
  'termFirst',
  'termLast',
];

export interface MarkedDay {
  marks: DayMark[];
  // The holiday's name, the no-service day's reason (user data).
  notes: string[];
}

export type DayMarks = Map<IsoDate, MarkedDay>;

/** 'YYYY-MM' of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** The month `n` months after 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The weeks of a month, Monday first; days of the neighbouring months are null. */
export function monthWeeks(month: string): (IsoDate | null)[][] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const first = isoDate(year, m, 1);
  const cells: (IsoDate | null)[] = Array.from({ length: weekdayOf(first) - 1 }, () => null);
  for (let d = 0; d < daysInMonth(year, m); d++) cells.push(addDays(first, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (IsoDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function mark(days: DayMarks, date: IsoDate, m: DayMark, note?: string | null) {
  const day = days.get(date) ?? { marks: [], notes: [] };
  if (!day.marks.includes(m)) day.marks.push(m);
  if (note && !day.notes.includes(note)) day.notes.push(note);
  day.marks.sort((a, b) => DAY_MARKS.indexOf(a) - DAY_MARKS.indexOf(b));
  days.set(date, day);
}

export interface TermDates {
  firstDay: IsoDate;
  lastDay: IsoDate;
  unifiedStartDate?: IsoDate | null;
}

function markTerm(days: DayMarks, term: TermDates) {
  mark(days, term.firstDay, 'termFirst');
  mark(days, term.lastDay, 'termLast');
  if (term.unifiedStartDate) mark(days, term.unifiedStartDate, 'start');
}

/**
 * A school's term (no-service days page): the plan's service-day summary as the server computed it
 * (`PlanDetail.serviceDays`: every non-service date but plain weekends with its reason, and the
 * make-up working days served), or without a plan only the school's no-service days.
 */
export function schoolDayMarks(input: {
  term: TermDates;
  serviceDays: {
    firstDay: IsoDate | null;
    lastDay: IsoDate | null;
    excluded: readonly { date: IsoDate; reason: { kind: string; name?: string | null; reason?: string } }[];
    makeUpDays: readonly { date: IsoDate }[];
  } | null;
  noServiceDays: readonly { date: IsoDate; reason: string }[];
}): DayMarks {
  const days: DayMarks = new Map();
  markTerm(days, input.term);
  for (const d of input.noServiceDays) mark(days, d.date, 'noService', d.reason);
  const summary = input.serviceDays;
  if (!summary) return days;
  const excluded = new Set<IsoDate>();
  for (const d of summary.excluded) {
    excluded.add(d.date);
    if (d.reason.kind === 'holiday') mark(days, d.date, 'holiday', d.reason.name);
    else if (d.reason.kind === 'make_up_day_not_served') mark(days, d.date, 'makeup', d.reason.name);
    else if (d.reason.kind === 'no_service_day') mark(days, d.date, 'noService', d.reason.reason);
  }
  for (const d of summary.makeUpDays) mark(days, d.date, 'makeupServed');
  // Every other school day between the first and the last service day is one.
  if (summary.firstDay && summary.lastDay)
    for (const date of eachDate(summary.firstDay, summary.lastDay))
      if (weekdayOf(date) <= 5 && !excluded.has(date)) mark(days, date, 'service');
  return days;
}

/** A region's year (the bureau's calendar page): official days, the region's entries, its terms. */
export function regionDayMarks(input: {
  official: readonly { date: IsoDate; kind: string; name: string }[];
  provisional: readonly { date: IsoDate; name: string }[];
  overrides: readonly { date: IsoDate; kind: string; name: string }[];
  terms: readonly TermDates[];
}): DayMarks {
  const days: DayMarks = new Map();
  const kinds = new Map<IsoDate, { kind: string; name: string }>();
  for (const d of input.official) kinds.set(d.date, d);
  for (const d of input.provisional)
    if (!kinds.has(d.date)) kinds.set(d.date, { kind: 'holiday', name: d.name });
  // The region's entries win for their date, as in the calendar (officialDay).
  for (const d of input.overrides) kinds.set(d.date, d);
  for (const [date, { kind, name }] of kinds) {
    if (kind === 'holiday') mark(days, date, 'holiday', name);
    else if (kind === 'makeup_workday') mark(days, date, 'makeup', name);
  }
  for (const term of input.terms) markTerm(days, term);
  return days;
}

/** The month to open on: today's when it has marks or lies in the range, else the range's first. */
export function initialMonth(today: IsoDate, range: { from: IsoDate; to: IsoDate }): string {
  if (today >= range.from && today <= range.to) return monthOf(today);
  return monthOf(today < range.from ? range.from : range.to);
}

export function yearOf(month: string): number {
  return parseIsoDate(`${month}-01`).year;
}
