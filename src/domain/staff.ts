// Staff who may be put in charge of children (F-09). A 三.1: 学校与看护工作人员签订岗位责任书，明确看护
// 责任，看护人员对被看护学生承担安全直接责任 — so only a person with a signed letter in force on a
// day can be assigned to a group, a duty or a rota slot on that day.
import type { IsoDate } from './dates.js';

export interface LetterDates {
  signedOn: IsoDate;
  validUntil: IsoDate;
}

// The letter covers a day when it was signed on or before it and is valid through it (inclusive).
export function letterCovers(letter: LetterDates, day: IsoDate): boolean {
  return letter.signedOn <= day && day <= letter.validUntil;
}

// A person is assignable for a span of days (a term from its service start) when one letter covers
// every day of it; letters are not stitched together, because each is a separate signed commitment
// and a gap between two would be a day without one.
export function assignableThrough(letters: readonly LetterDates[], from: IsoDate, to: IsoDate): boolean {
  return letters.some((l) => letterCovers(l, from) && letterCovers(l, to));
}

export type LetterStatus = 'current' | 'expiring' | 'expired' | 'missing' | 'not_yet';

// How the staff page labels a person's letters on `today`: expiring when the one in force ends within
// `warnDays` days and no later one follows.
export function letterStatus(letters: readonly LetterDates[], today: IsoDate, warnDays = 30): LetterStatus {
  if (letters.length === 0) return 'missing';
  const inForce = letters.filter((l) => letterCovers(l, today));
  if (inForce.length > 0) {
    const until =
      inForce
        .map((l) => l.validUntil)
        .sort()
        .at(-1) ?? today;
    const limit = new Date(`${today}T00:00:00Z`);
    limit.setUTCDate(limit.getUTCDate() + warnDays);
    const next = letters.some((l) => l.signedOn > today || l.validUntil > until);
    return until < limit.toISOString().slice(0, 10) && !next ? 'expiring' : 'current';
  }
  return letters.some((l) => l.signedOn > today) ? 'not_yet' : 'expired';
}
