// Formatting the way a Chinese school office writes things. Every date and time is read in the
// school's zone (Asia/Shanghai), never in the browser's: a phone set to another zone must still
// show the school's day.

import { chineseNumber } from '../../domain/chinese-number';

export type Lang = 'zh-CN' | 'en';

export const SCHOOL_TIME_ZONE = 'Asia/Shanghai';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const ZH_NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

interface ZonedParts extends CalendarDate {
  hour: number;
  minute: number;
}

const shanghaiFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function zonedParts(instant: Date): ZonedParts {
  const parts: Record<string, number> = {};
  for (const part of shanghaiFormatter.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    // Some engines write midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

function toInstant(value: Date | string): Date {
  const instant = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return instant;
}

/** A calendar date: an ISO `YYYY-MM-DD` string is already the school's date; an instant is read in Shanghai. */
function calendarDate(value: Date | string): CalendarDate {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value);
    if (match) return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }
  return zonedParts(toInstant(value));
}

function weekdayOf({ year, month, day }: CalendarDate): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export interface DateFormatOptions {
  weekday?: boolean;
}

/** `2026年11月29日` (`2026年11月29日 星期日` with weekday); en `29 Nov 2026` (`Sunday, 29 Nov 2026`). */
export function formatDate(value: Date | string, lang: Lang, options: DateFormatOptions = {}): string {
  const date = calendarDate(value);
  if (lang === 'zh-CN') {
    const text = `${date.year}年${date.month}月${date.day}日`;
    return options.weekday ? `${text} ${ZH_WEEKDAYS[weekdayOf(date)]}` : text;
  }
  const text = `${date.day} ${EN_MONTHS[date.month - 1]} ${date.year}`;
  return options.weekday ? `${EN_WEEKDAYS[weekdayOf(date)]}, ${text}` : text;
}

/** `15:30`, 24-hour, in Shanghai. */
export function formatTime(value: Date | string): string {
  const { hour, minute } = zonedParts(toInstant(value));
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** `2026年11月29日 15:30` / `29 Nov 2026 15:30`. */
export function formatDateTime(value: Date | string, lang: Lang): string {
  const instant = toInstant(value);
  return `${formatDate(instant, lang)} ${formatTime(instant)}`;
}

/** Today's date in Shanghai as `YYYY-MM-DD`. */
export function todayInShanghai(now: Date = new Date()): string {
  const { year, month, day } = zonedParts(now);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

export type MoneyStyle = 'symbol' | 'suffix';

/**
 * Money is stored as integer fen; this never goes through floating point.
 * `symbol`: `¥1,234.50`; `suffix`: `1,234.50元` (en `1,234.50 yuan`).
 */
export function formatMoneyFen(fen: number, lang: Lang, style: MoneyStyle = 'symbol'): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Money must be integer fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `${yuan}.${pad2(abs % 100)}`;
  if (style === 'symbol') return `${sign}¥${amount}`;
  return lang === 'zh-CN' ? `${sign}${amount}元` : `${sign}${amount} yuan`;
}

/** Shows a mainland mobile number as `138****1234`; numbers already masked or of another shape pass through. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  if (/^1\d{10}$/.test(trimmed)) return `${trimmed.slice(0, 3)}****${trimmed.slice(7)}`;
  return trimmed;
}

/** `三年级` / `Grade 3`. */
export function gradeName(grade: number, lang: Lang): string {
  if (lang === 'zh-CN') {
    const numeral = ZH_NUMERALS[grade];
    return numeral && grade > 0 ? `${numeral}年级` : `${grade}年级`;
  }
  return `Grade ${grade}`;
}

/** Runs of consecutive grades: `一至六年级`, `一至三、五年级`; en `Grades 1–6`, `Grades 1–3, 5`. */
export function formatGrades(grades: readonly number[], lang: Lang): string {
  const sorted = [...new Set(grades)].sort((a, b) => a - b);
  if (sorted.length === 0) return '';
  const runs: Array<[number, number]> = [];
  for (const grade of sorted) {
    const last = runs.at(-1);
    if (last && grade === last[1] + 1) last[1] = grade;
    else runs.push([grade, grade]);
  }
  if (lang === 'zh-CN') {
    const numeral = (g: number): string => ZH_NUMERALS[g] ?? String(g);
    const text = runs.map(([from, to]) => (from === to ? numeral(from) : `${numeral(from)}至${numeral(to)}`));
    return `${text.join('、')}年级`;
  }
  if (sorted.length === 1) return `Grade ${sorted[0]}`;
  return `Grades ${runs.map(([from, to]) => (from === to ? `${from}` : `${from}–${to}`)).join(', ')}`;
}

/**
 * A class as a parent reads it. School class names usually carry their grade (`1年级1班`); a bare
 * name (`1班`) gets the grade in front.
 */
export function classLabel(grade: number, className: string, lang: Lang): string {
  const name = generatedName(className, lang);
  if (/年级|grade/i.test(name)) return name;
  return lang === 'zh-CN' ? `${gradeName(grade, lang)}${name}` : `${gradeName(grade, lang)}, ${name}`;
}

function numberIn(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (chineseNumber(text) ?? Number.NaN);
}

function gradesText(first: string, last: string | undefined, list: string | undefined): string {
  if (list) {
    const grades = list.split(/[、,]/).map(Number);
    return `Grades ${grades.join(', ')}`;
  }
  return last ? `Grades ${first}–${last}` : `Grade ${first}`;
}

/**
 * The names kehou makes itself, in English: a stored name is the school's data, so it is kept as
 * written, and the names the system generated (the demo, the grouping proposal, the import, the
 * plan's batches) are recognised by their shape and rendered from their parts (issue 14.13):
 * `2026–2027学年第一学期` → `2026–2027, term 1`; `1年级2班` → `Grade 1, Class 2`; `2班` → `Class 2`;
 * `1年级1组` → `Grade 1 Group 1`; `1–2年级2组` → `Grades 1–2 Group 2`; `第3组` → `Group 3`;
 * `第一批` → `Batch 1`. Any other name (`实验班`, `书法社`) is what a user typed and stays as it is.
 * In Chinese every name is shown as stored.
 */
export function generatedName(name: string, lang: Lang): string {
  if (lang === 'zh-CN') return name;
  const text = name.trim();
  let m = /^(\d{4})\s*[–-]\s*(\d{4})\s*学年\s*第([一二])学期$/.exec(text);
  if (m) return `${m[1]}–${m[2]}, term ${numberIn(m[3] ?? '')}`;
  m = /^(\d{4})\s*[–-]\s*(\d{4})\s*学年$/.exec(text);
  if (m) return `School year ${m[1]}–${m[2]}`;
  m = /^(\d+)年级\s*(\d+)班$/.exec(text);
  if (m) return `Grade ${m[1]}, Class ${m[2]}`;
  m = /^(\d+)班$/.exec(text);
  if (m) return `Class ${m[1]}`;
  m = /^(?:(\d+(?:[、,]\d+)+)|(\d+)(?:[–-](\d+))?)年级(\d+)组$/.exec(text);
  if (m) return `${gradesText(m[2] ?? '', m[3], m[1])} Group ${m[4]}`;
  m = /^第(\d+)组$/.exec(text);
  if (m) return `Group ${m[1]}`;
  m = /^第(\d+|[一二三四五六七八九十])批$/.exec(text);
  if (m) return `Batch ${numberIn(m[1] ?? '')}`;
  return name;
}

const CLAUSE = /\b([ABC]) ([一二三四五六七八九十])((?:\.\d+)?)(?:[(（]([一二三四五六七八九十])[)）])?/g;

/**
 * A clause of the seed documents as cited (`B 五(三)`, `A 三.5`, `A 二`): in English with Arabic
 * numbers (`B 5(3)`, `A 3.5`, `A 2`), the way the English strings cite them (issue 14.13).
 */
export function clauseRef(clause: string, lang: Lang): string {
  if (lang === 'zh-CN') return clause;
  return clause
    .replace(CLAUSE, (_whole, doc: string, section: string, point: string, item?: string) => {
      const sub = item ? `(${numberIn(item)})` : '';
      return `${doc} ${numberIn(section)}${point}${sub}`;
    })
    .replace(/；\s*/g, '; ')
    .replace(/、\s*/g, ', ');
}
