import type { Weekday } from '../../../domain/dates';
import { todayInShanghai } from '../../i18n/format';
import type { TFunction } from '../../i18n/i18n';

/** 周一 … 周日 / Mon … Sun. */
export const weekdayLabel = (t: TFunction, weekday: number) =>
  t(`weekday.${Math.min(7, Math.max(1, weekday)) as Weekday}`);

/** The term in progress, else the next, else the latest. */
export function defaultTerm<T extends { firstDay: string; lastDay: string }>(
  terms: readonly T[],
  today: string,
): T | undefined {
  return (
    terms.find((t) => t.firstDay <= today && today <= t.lastDay) ??
    [...terms].filter((t) => t.firstDay > today).sort((a, b) => a.firstDay.localeCompare(b.firstDay))[0] ??
    [...terms].sort((a, b) => b.lastDay.localeCompare(a.lastDay))[0]
  );
}

/** Today's weekday in the school's zone (1 = Monday … 7 = Sunday). */
export function todayWeekday(): number {
  const [y, m, d] = todayInShanghai().split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}
