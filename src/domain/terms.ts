// Which terms (学期) apply to a school: B 六(五) 课后服务统一启动时间 sets the term's dates for a region,
// and a county may set its own (一县一策, C: 各县区结合实际). A region's own terms apply on their dates;
// for the dates they do not cover, the terms of the regions above it apply, the nearest first. A
// county that publishes next year's term early therefore keeps the city's term for this year: the
// term in force on a date is the one whose dates contain it, never "the nearest region that has any".

import type { IsoDate } from './dates.js';

export interface DatedTerm {
  regionId: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
}

export function termsOverlap(a: Omit<DatedTerm, 'regionId'>, b: Omit<DatedTerm, 'regionId'>): boolean {
  return a.firstDay <= b.lastDay && b.firstDay <= a.lastDay;
}

// The terms that apply below the last region of `chain` (root first, the school's county last):
// each term unless a term of a nearer region shares one of its dates. Oldest first.
export function termsInForce<T extends DatedTerm>(chain: readonly string[], terms: readonly T[]): T[] {
  const kept: T[] = [];
  for (const regionId of [...chain].reverse()) {
    const own = terms.filter((t) => t.regionId === regionId);
    kept.push(...own.filter((t) => !kept.some((nearer) => termsOverlap(nearer, t))));
  }
  return kept.sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0));
}

// The term whose dates contain `date`, among terms that do not overlap (termsInForce's answer).
export function termOn<T extends Omit<DatedTerm, 'regionId'>>(terms: readonly T[], date: IsoDate): T | null {
  return terms.find((t) => t.firstDay <= date && date <= t.lastDay) ?? null;
}

// A region's terms never share a date (the term in force on a day must be one): the first of the
// region's other terms that `candidate` would overlap, or null.
export function overlappingTerm<T extends Omit<DatedTerm, 'regionId'>>(
  regionTerms: readonly T[],
  candidate: Omit<DatedTerm, 'regionId'>,
): T | null {
  return regionTerms.find((t) => termsOverlap(t, candidate)) ?? null;
}
