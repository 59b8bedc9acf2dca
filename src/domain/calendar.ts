// F-04 Term calendar: which dates of a term are planned service days, and why the others are not.
//
// Official public holidays and make-up working days (调休) of mainland China come from the npm package
// `chinese-days`; this is the only module that imports it. Its data covers 2004–2026: for a year it
// lacks, the statutory holidays are computed from the law (fixed dates, and the lunar ones from the
// package's lunar calendar) and proposed as provisional until the region enters or confirms the
// official dates. A region's overrides and a school's no-service days come on top.
//
// These are planned days. Fees count the days actually served (B 五(三): 每学期按实际实施天数计算).
//
// Dates are ISO strings (see dates.ts), weekdays 1 = Monday … 7 = Sunday.
//
// chinese-days does its own date arithmetic on JS Date in the machine's zone, and west of UTC it is a
// day off: it parses 'YYYY-MM-DD' as UTC midnight and prints with local getters, so in
// America/Los_Angeles getDayDetail('2025-10-01').date is '2025-09-30' and the holiday table it builds at
// load time is shifted by a day. So this module never asks it about dates through 'YYYY-MM-DD' strings:
// holidays come from the package's published JSON table (dist/chinese-days.json, plain date keys), the
// lunar conversion is called with a local date-time ('YYYY-MM-DDT00:00', local on every engine), and
// the solar-term date is corrected back (see `undoPackageZoneShift`).

import chineseDays from 'chinese-days';
import packageTable from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import {
  addDays,
  eachDate,
  type IsoDate,
  isIsoDate,
  isoDate,
  parseIsoDate,
  type Weekday,
  weekdayOf,
} from './dates.js';
import type { TermPlan } from './plan.js';
import { makeUpWorkdaysServed, type RegionPolicy, seasonOn } from './policy.js';

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

// Where the verdict on a day comes from: the package's official table, a region's confirmed entry,
// a provisional one (a statutory holiday computed for a year the package lacks, or a region's entry
// not yet confirmed), or the plain rule that Monday–Friday are working days.
export type DaySource = 'package' | 'region' | 'provisional' | 'weekday-rule';

// A region's own entry for a date (一县一策): a local holiday, a make-up working day, a working day
// that cancels a package holiday, or — for a year the package lacks — the official dates typed in from
// the State Council's notice. `confirmed` says the region has checked it against the published notice.
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'makeup_workday' | 'workday';
  name: string;
  confirmed: boolean;
}

// A school's own day without service (exams, weather, sports day…).
export interface NoServiceDay {
  date: IsoDate;
  reason: string;
}

export interface Term {
  firstDay: IsoDate;
  lastDay: IsoDate;
}

export interface OfficialDay {
  kind: DayKind;
  name: string | null;
  source: DaySource;
}

// ---------------------------------------------------------------------------------------------------
// The package's official table

type PackageTable = { holidays: Record<string, string>; workdays: Record<string, string> };
const table = packageTable as PackageTable;

// The package names festivals briefly (中秋); use the names of 全国年节及纪念日放假办法.
const FESTIVAL_NAMES: Record<string, string> = {
  清明: '清明节',
  端午: '端午节',
  中秋: '中秋节',
};

// Entries read "English name,中文名,statutory days", e.g. "National Day,国庆节,3".
function packageName(entry: string): string {
  const zh = entry.split(',')[1] ?? entry;
  return FESTIVAL_NAMES[zh] ?? zh;
}

// A year the package has data for always lists 元旦 (1 January is a statutory holiday every year), so
// the covered years are those whose 1 January is in its table: 2004–2026 in chinese-days 1.5.7.
export function packageCoversYear(year: number): boolean {
  return table.holidays[isoDate(year, 1, 1)] !== undefined;
}

export function packageYears(): { first: number; last: number } {
  const years = Object.keys(table.holidays).map((date) => parseIsoDate(date).year);
  return { first: Math.min(...years), last: Math.max(...years) };
}

export function termYears(term: Term): number[] {
  const years: number[] = [];
  for (let y = parseIsoDate(term.firstDay).year; y <= parseIsoDate(term.lastDay).year; y++) years.push(y);
  return years;
}

// The calendar years of a term the package has no data for. A plan whose term reaches one is flagged:
// its days there follow provisional holidays until the region enters the official notice.
export function yearsLackingData(term: Term): number[] {
  checkTerm(term);
  return termYears(term).filter((year) => !packageCoversYear(year));
}

// ---------------------------------------------------------------------------------------------------
// Statutory holidays (法定节假日)

export interface StatutoryHoliday {
  date: IsoDate;
  name: string;
}

// The lunar calendar of chinese-days runs from 1900 to 2100; the law below is written for 2000 on.
export const STATUTORY_YEARS = { first: 2000, last: 2099 } as const;

// The solar date of a lunar date (regular month, not the leap one), from chinese-days.
function solarFromLunar(year: number, month: number, day: number): IsoDate {
  // A date-time without an offset is local time on every engine, which is what the package's
  // arithmetic reads; a bare 'YYYY-MM-DD' is read as UTC midnight, west of UTC the evening before, and
  // converts the wrong lunar date (正月初一 2027 comes out 2027-02-07 in America/Los_Angeles).
  return chineseDays.getSolarDateFromLunar(`${isoDate(year, month, day)}T00:00`).date;
}

// chinese-days prints a date it computed (UTC midnight) with the machine's local calendar, which west
// of UTC is the day before. getDayDetail(d).date prints d the same way, so the true date is the one
// the package prints as the date it gave us.
function undoPackageZoneShift(printed: IsoDate): IsoDate {
  const next = addDays(printed, 1);
  return chineseDays.getDayDetail(next).date === printed ? next : printed;
}

// 清明节 is the day of the 清明 solar term (the sun at 15° ecliptic longitude), 4 or 5 April.
function qingmingDate(year: number): IsoDate {
  return undoPackageZoneShift(chineseDays.getSolarTermDate(year, 4, 'pure_brightness'));
}

// 除夕 is the last day of the lunar year, the day before 正月初一: 腊月三十 when 腊月 has 30 days,
// 腊月廿九 when it has 29 (as in 2025–2029).
function chuxiDate(lunarYear: number): IsoDate {
  return addDays(solarFromLunar(lunarYear, 1, 1), -1);
}

function range(from: IsoDate, days: number, name: string): StatutoryHoliday[] {
  return Array.from({ length: days }, (_, i) => ({ date: addDays(from, i), name }));
}

const statutoryCache = new Map<number, StatutoryHoliday[]>();

// The statutory holidays of a year by 全国年节及纪念日放假办法 (国务院) — the days the law gives, not the
// bridge days and 调休 that each year's notice (国务院办公厅关于某年部分节假日安排的通知) adds around them:
// - 1999 text (国务院令第270号), for 2000–2007: 元旦 1 day; 春节 3 days (农历正月初一、初二、初三);
//   劳动节 3 days (5月1日、2日、3日); 国庆节 3 days (10月1日、2日、3日).
// - 2007 amendment (国务院令第513号, from 2008): 春节 3 days (农历除夕、正月初一、初二); 清明节 1 day
//   (农历清明当日); 劳动节 1 day (5月1日); 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日).
// - 2013 amendment (国务院令第644号, from 2014): 春节 3 days (农历正月初一、初二、初三).
// - 2024 amendment (国务院令第795号, from 2025-01-01), in force now: 元旦，放假1天（1月1日）; 春节，放假4天
//   （农历除夕、正月初一至初三）; 清明节，放假1天（农历清明当日）; 劳动节，放假2天（5月1日、2日）;
//   端午节，放假1天（农历端午当日）; 中秋节，放假1天（农历中秋当日）; 国庆节，放假3天（10月1日至3日）.
// Sorted by date; when 中秋节 falls on 10月1日–3日 (as in 2020) the date carries both names.
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_YEARS.first || year > STATUTORY_YEARS.last) {
    throw new RangeError(
      `statutory holidays are known for ${STATUTORY_YEARS.first}–${STATUTORY_YEARS.last}, not ${year}`,
    );
  }
  const cached = statutoryCache.get(year);
  if (cached) return cached;

  const newYear = solarFromLunar(year, 1, 1); // 正月初一
  const days: StatutoryHoliday[] = [{ date: isoDate(year, 1, 1), name: '元旦' }];
  if (year >= 2025) days.push(...range(chuxiDate(year), 4, '春节'));
  else if (year >= 2014) days.push(...range(newYear, 3, '春节'));
  else if (year >= 2008) days.push(...range(chuxiDate(year), 3, '春节'));
  else days.push(...range(newYear, 3, '春节'));
  if (year >= 2008) days.push({ date: qingmingDate(year), name: '清明节' });
  days.push(...range(isoDate(year, 5, 1), year >= 2025 ? 2 : year >= 2008 ? 1 : 3, '劳动节'));
  if (year >= 2008) {
    days.push({ date: solarFromLunar(year, 5, 5), name: '端午节' });
    days.push({ date: solarFromLunar(year, 8, 15), name: '中秋节' });
  }
  days.push(...range(isoDate(year, 10, 1), 3, '国庆节'));

  const byDate = new Map<IsoDate, string>();
  for (const { date, name } of days) {
    const other = byDate.get(date);
    byDate.set(date, other ? `${other}、${name}` : name);
  }
  const result = [...byDate]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  statutoryCache.set(year, result);
  return result;
}

// For a year the package lacks, its statutory holidays, proposed until the region enters the official
// notice (which adds bridge days and 调休 that no rule can compute). Empty for a year the package has.
export function provisionalHolidays(year: number): StatutoryHoliday[] {
  return packageCoversYear(year) ? [] : statutoryHolidays(year);
}

// The official days of a year as the package publishes them (国务院办公厅 notice of that year): its
// holidays, bridge days included, and its make-up working days (调休), each with the festival's name,
// sorted by date. Empty for a year the package lacks (see `provisionalHolidays`). Region entries are
// not applied here: a calendar page shows them beside these.
export interface PackageDay {
  date: IsoDate;
  kind: 'holiday' | 'makeup_workday' | 'workday';
  name: string;
  source: 'package';
}

export function officialDaysOfYear(year: number): PackageDay[] {
  if (!Number.isInteger(year) || !packageCoversYear(year)) return [];
  const prefix = `${year}-`;
  const days: PackageDay[] = [];
  for (const [date, entry] of Object.entries(table.holidays)) {
    if (date.startsWith(prefix))
      days.push({ date, kind: 'holiday', name: packageName(entry), source: 'package' });
  }
  for (const [date, entry] of Object.entries(table.workdays)) {
    if (date.startsWith(prefix))
      days.push({
        date,
        kind: isWeekend(date) ? 'makeup_workday' : 'workday',
        name: packageName(entry),
        source: 'package',
      });
  }
  return days.sort((a, b) => (a.date < b.date ? -1 : 1));
}

function statutoryHolidayName(date: IsoDate): string | null {
  const { year } = parseIsoDate(date);
  if (year < STATUTORY_YEARS.first || year > STATUTORY_YEARS.last) return null;
  return statutoryHolidays(year).find((h) => h.date === date)?.name ?? null;
}

// ---------------------------------------------------------------------------------------------------
// One day

export type OverrideProblem = 'invalid_date' | 'duplicate' | 'statutory_holiday_as_workday';

export const overrideProblemMessages: Record<OverrideProblem, { zh: string; en: string }> = {
  invalid_date: { zh: '日期无效', en: 'Not a valid date' },
  duplicate: { zh: '同一日期录入了两次', en: 'The same date is entered twice' },
  statutory_holiday_as_workday: {
    zh: '法定节假日不能设为工作日（全国年节及纪念日放假办法）',
    en: 'A statutory holiday cannot be made a working day (the national regulation on public holidays)',
  },
};

// What is wrong with a region's entries, for the form that edits them. A statutory holiday entered as a
// working day is ignored by the calendar (the law gives the day off; a region cannot take it away).
export function overrideProblems(
  overrides: readonly CalendarOverride[],
): { index: number; date: IsoDate; problem: OverrideProblem }[] {
  const seen = new Set<IsoDate>();
  const problems: { index: number; date: IsoDate; problem: OverrideProblem }[] = [];
  overrides.forEach((o, index) => {
    if (!isIsoDate(o.date)) problems.push({ index, date: o.date, problem: 'invalid_date' });
    else if (seen.has(o.date)) problems.push({ index, date: o.date, problem: 'duplicate' });
    else if (o.kind !== 'holiday' && statutoryHolidayName(o.date) !== null) {
      problems.push({ index, date: o.date, problem: 'statutory_holiday_as_workday' });
    }
    seen.add(o.date);
  });
  return problems;
}

type OverrideIndex = ReadonlyMap<IsoDate, CalendarOverride>;

function indexOverrides(overrides: readonly CalendarOverride[]): OverrideIndex {
  const index = new Map<IsoDate, CalendarOverride>();
  for (const o of overrides) {
    if (!isIsoDate(o.date)) throw new RangeError(`overrides: not an ISO date: ${o.date}`);
    if (index.has(o.date)) throw new RangeError(`overrides: ${o.date} is entered twice`);
    index.set(o.date, o);
  }
  return index;
}

const isWeekend = (date: IsoDate) => weekdayOf(date) >= 6;

function workingDay(date: IsoDate): DayKind {
  return isWeekend(date) ? 'makeup_workday' : 'workday';
}

function dayOf(date: IsoDate, overrides: OverrideIndex): OfficialDay {
  const statutory = statutoryHolidayName(date);
  const override = overrides.get(date);
  const regionSource: DaySource = override?.confirmed ? 'region' : 'provisional';
  if (override?.kind === 'holiday') return { kind: 'holiday', name: override.name, source: regionSource };
  // A region's working day never replaces a statutory holiday: the law gives the day off.
  if (override && statutory === null)
    return { kind: workingDay(date), name: override.name, source: regionSource };

  const { year } = parseIsoDate(date);
  if (packageCoversYear(year)) {
    const holiday = table.holidays[date];
    if (holiday !== undefined) return { kind: 'holiday', name: packageName(holiday), source: 'package' };
    const workday = table.workdays[date];
    if (workday !== undefined)
      return { kind: workingDay(date), name: packageName(workday), source: 'package' };
  }
  if (statutory !== null) return { kind: 'holiday', name: statutory, source: 'provisional' };
  return { kind: isWeekend(date) ? 'weekend' : 'workday', name: null, source: 'weekday-rule' };
}

// The official kind of a date: the region's entries first, then the package's table, then (for a year
// the package lacks) the computed statutory holidays, then Monday–Friday. A statutory holiday stays a
// holiday whatever the entries say. For a make-up working day `name` is the festival it belongs to.
export function officialDay(date: IsoDate, overrides: readonly CalendarOverride[] = []): OfficialDay {
  parseIsoDate(date);
  return dayOf(date, indexOverrides(overrides));
}

// The years of a term the package lacks for which the region has not yet confirmed every statutory
// holiday (a confirmed 'holiday' entry on each): the plan shows its days there as provisional.
export function yearsAwaitingOfficialDates(term: Term, overrides: readonly CalendarOverride[]): number[] {
  const index = indexOverrides(overrides);
  return yearsLackingData(term).filter(
    (year) =>
      year < STATUTORY_YEARS.first ||
      year > STATUTORY_YEARS.last ||
      statutoryHolidays(year).some(({ date }) => {
        const o = index.get(date);
        return !(o?.kind === 'holiday' && o.confirmed);
      }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Service days

// How the school serves a make-up working day (调休, a Saturday or Sunday that is a working day): served,
// following the timetable (and groups) of a stated weekday (the notice usually says e.g.
// "10月11日（星期六）上班", and the school says which day's timetable runs; null: none stated), or not at
// all. Whether it is served is the region's rule or the plan's choice: `planMakeUpDays`.
export type MakeUpDays = 'none' | { mode: 'as-weekday'; weekday: Weekday | null };

// Month-days 'MM-DD', both included.
export interface SummerSeason {
  from: string;
  to: string;
}

// B 二 服务时间: 夏令时课后延时服务结束时间为18:00，非夏令时课后延时服务结束时间为17:30 — the season decides
// the end time. The seeds do not date summer time; 5月1日–9月30日 is the usual one, and a region sets its
// own (F-01).
export const DEFAULT_SUMMER_SEASON: SummerSeason = { from: '05-01', to: '09-30' };

export interface ServiceDaysInput {
  term: Term;
  // The plan's weekdays: B 二 每周四个下午 (pilot-4), C 1 学校每周5天都要开展课后服务 (5+2).
  weekdays: readonly Weekday[];
  makeUpDays?: MakeUpDays;
  overrides?: readonly CalendarOverride[];
  noServiceDays?: readonly NoServiceDay[];
  summerSeason?: SummerSeason;
}

export type Season = 'summer' | 'other';

export interface ServiceDay {
  date: IsoDate;
  weekday: Weekday;
  season: Season;
  // The weekday whose timetable runs: the date's own weekday, or for a make-up working day the one the
  // school stated (null when it has not stated one and the plan serves every weekday by default).
  timetableWeekday: Weekday | null;
}

export type ExclusionReason =
  | { kind: 'holiday'; name: string | null; source: DaySource }
  | { kind: 'weekend' }
  | { kind: 'weekday_not_served' }
  | { kind: 'make_up_day_not_served'; name: string | null }
  | { kind: 'no_service_day'; reason: string };

export interface ExcludedDay {
  date: IsoDate;
  weekday: Weekday;
  reason: ExclusionReason;
}

export interface TermDays {
  serviceDays: ServiceDay[];
  // Every other date of the term with one reason, the first of: holiday, weekend, the plan does not
  // serve that weekday or make-up day, the school's no-service day.
  excludedDays: ExcludedDay[];
  yearsLackingData: number[];
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function checkMonthDay(field: string, value: string): void {
  const m = MONTH_DAY.exec(value);
  // A leap year, so that 02-29 is accepted.
  if (!m || !isIsoDate(`2024-${value}`)) throw new RangeError(`${field}: not a month-day MM-DD: ${value}`);
}

function checkTerm(term: Term): void {
  parseIsoDate(term.firstDay);
  parseIsoDate(term.lastDay);
  if (term.lastDay < term.firstDay) {
    throw new RangeError(`term: last day ${term.lastDay} is before first day ${term.firstDay}`);
  }
}

export function seasonOf(date: IsoDate, season: SummerSeason = DEFAULT_SUMMER_SEASON): Season {
  return seasonOn({ summerSeason: season }, date);
}

// The schedule a make-up working day follows, or null when it is not served. Without a rule (a caller
// that has no plan and policy) it is served only by a plan that serves every weekday (C 1: 每周5天).
function makeUpTimetable(
  rule: MakeUpDays | undefined,
  served: ReadonlySet<Weekday>,
): { served: boolean; timetableWeekday: Weekday | null } {
  if (rule === undefined) {
    const everyWeekday = ([1, 2, 3, 4, 5] as const).every((d) => served.has(d));
    return { served: everyWeekday, timetableWeekday: null };
  }
  if (rule === 'none') return { served: false, timetableWeekday: null };
  return { served: true, timetableWeekday: rule.weekday };
}

// A plan's make-up working days under its region's policy (issue 14.17): served by the policy's fixed
// rule, or under 'plan_chooses' by the plan's choice (else the policy's default); on a served one the
// timetable of the weekday the plan states, when the plan serves that weekday.
export function planMakeUpDays(
  policy: Pick<RegionPolicy, 'makeUpWorkdays'>,
  plan: Pick<TermPlan, 'weekdays' | 'makeUpWorkdays' | 'makeUpTimetableWeekday'>,
): MakeUpDays {
  if (!makeUpWorkdaysServed(policy, plan.makeUpWorkdays).served) return 'none';
  const stated = plan.makeUpTimetableWeekday ?? null;
  return { mode: 'as-weekday', weekday: stated !== null && plan.weekdays.includes(stated) ? stated : null };
}

// The planned service days of a plan's term: every count of service days (the plan's check and fee
// estimate, the daily service-day check, the applications, the demo) goes through here, so that they
// all follow the plan's weekdays, its make-up working days and the policy's summer time alike.
export function planTermDays(input: {
  term: Term;
  plan: Pick<TermPlan, 'weekdays' | 'makeUpWorkdays' | 'makeUpTimetableWeekday'>;
  policy: Pick<RegionPolicy, 'makeUpWorkdays' | 'summerSeason'>;
  overrides: readonly CalendarOverride[];
  noServiceDays: readonly NoServiceDay[];
}): TermDays {
  return termDays({
    term: input.term,
    weekdays: [...new Set(input.plan.weekdays)].filter(
      (w): w is Weekday => Number.isInteger(w) && w >= 1 && w <= 7,
    ),
    makeUpDays: planMakeUpDays(input.policy, input.plan),
    overrides: input.overrides,
    noServiceDays: input.noServiceDays,
    summerSeason: input.policy.summerSeason,
  });
}

// The planned service days of a term and the excluded dates with their reasons (F-04). A date is served
// when it is in the term, a working day by the calendar, a weekday the plan serves (or a make-up working
// day the plan serves), and not one of the school's no-service days. Never on a holiday of any source.
// The season of each day picks its end time (B 二).
export function termDays(input: ServiceDaysInput): TermDays {
  const { term, weekdays } = input;
  checkTerm(term);
  for (const d of weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`weekdays: not a weekday 1–7: ${d}`);
  }
  if (input.makeUpDays !== undefined && input.makeUpDays !== 'none' && input.makeUpDays.weekday !== null) {
    const d = input.makeUpDays.weekday;
    if (!Number.isInteger(d) || d < 1 || d > 5)
      throw new RangeError(`makeUpDays.weekday: not a weekday 1–5: ${d}`);
  }
  const summer = input.summerSeason ?? DEFAULT_SUMMER_SEASON;
  checkMonthDay('summerSeason.from', summer.from);
  checkMonthDay('summerSeason.to', summer.to);
  const overrides = indexOverrides(input.overrides ?? []);
  // No-service days outside the term do not concern it; the first reason entered for a date counts.
  const noService = new Map<IsoDate, string>();
  for (const { date, reason } of input.noServiceDays ?? []) {
    parseIsoDate(date);
    if (!noService.has(date)) noService.set(date, reason);
  }
  const served = new Set(weekdays);
  const makeUp = makeUpTimetable(input.makeUpDays, served);

  const serviceDays: ServiceDay[] = [];
  const excludedDays: ExcludedDay[] = [];
  for (const date of eachDate(term.firstDay, term.lastDay)) {
    const weekday = weekdayOf(date);
    const exclude = (reason: ExclusionReason) => excludedDays.push({ date, weekday, reason });
    const day = dayOf(date, overrides);
    if (day.kind === 'holiday') exclude({ kind: 'holiday', name: day.name, source: day.source });
    else if (day.kind === 'weekend') exclude({ kind: 'weekend' });
    else if (day.kind === 'makeup_workday' && !makeUp.served) {
      exclude({ kind: 'make_up_day_not_served', name: day.name });
    } else if (day.kind === 'workday' && !served.has(weekday)) exclude({ kind: 'weekday_not_served' });
    else {
      const reason = noService.get(date);
      if (reason !== undefined) exclude({ kind: 'no_service_day', reason });
      else {
        const timetableWeekday = day.kind === 'makeup_workday' ? makeUp.timetableWeekday : weekday;
        serviceDays.push({ date, weekday, season: seasonOf(date, summer), timetableWeekday });
      }
    }
  }
  return { serviceDays, excludedDays, yearsLackingData: yearsLackingData(term) };
}

export function serviceDays(input: ServiceDaysInput): ServiceDay[] {
  return termDays(input).serviceDays;
}

// The service day a walk-through uses (issue 5, "the demo works on any day"): today when it is a
// service day, else the latest one before it; before the first, the first. Null without service days.
export function serviceDayAtOrBefore(days: readonly ServiceDay[], today: IsoDate): ServiceDay | null {
  let found: ServiceDay | null = null;
  for (const day of days) {
    if (day.date <= today && (found === null || day.date > found.date)) found = day;
  }
  if (found) return found;
  return days.reduce<ServiceDay | null>(
    (first, d) => (first === null || d.date < first.date ? d : first),
    null,
  );
}
