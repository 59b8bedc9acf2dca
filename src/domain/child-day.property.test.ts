// Property tests of the child-day state machine: random event sequences (staff tapping in any order,
// offline replays, late guardians) never break the invariants listed in child-day.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type ChildDay,
  type ChildDayEvent,
  type ChildFacts,
  currentMark,
  type DayMoment,
  dayCloseProblems,
  isSettled,
  NEW_CHILD_DAY,
  replay,
  standingOf,
  statusOf,
} from './child-day.js';

const at = fc
  .integer({ min: 0, max: 240 })
  .map((m) => new Date(Date.UTC(2026, 10, 30, 7, 30 + m)).toISOString());
const event: fc.Arbitrary<ChildDayEvent> = fc.oneof(
  fc.record({
    type: fc.constant('mark' as const),
    mark: fc.constantFrom('present' as const, 'late' as const, 'absent' as const, 'leave' as const),
    at,
    by: fc.constantFrom('t1', 't2'),
  }),
  fc.record({
    type: fc.constant('custody' as const),
    staffId: fc.constant('s1'),
    at,
    automatic: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('release' as const),
    method: fc.constantFrom('pickup_code' as const, 'listed_person' as const, 'alone' as const),
    personId: fc.constantFrom(null, 'p1', 'p2', 'stranger'),
    at,
    by: fc.constant('g1'),
  }),
  fc.record({
    type: fc.constant('contact' as const),
    at,
    by: fc.constant('t1'),
    result: fc.constant('联系上'),
    reason: fc.constant('生病'),
  }),
  fc.record({ type: fc.constant('escalate' as const), at }),
  fc.record({ type: fc.constant('call' as const), at, by: fc.constant('g1') }),
);
const facts: fc.Arbitrary<ChildFacts> = fc.record({
  mayLeaveAlone: fc.boolean(),
  extendedCustody: fc.boolean(),
  pickupPersonIds: fc.subarray(['p1', 'p2']),
});

describe('child-day invariants', () => {
  it('a release needs a present or late mark, happens at most once, and freezes the day', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), facts, (events, f) => {
        let day: ChildDay = NEW_CHILD_DAY;
        for (const e of events) {
          const before = day;
          const outcome = applyEvent(day, e, f);
          if (!outcome.ok) continue;
          day = outcome.day;
          if (e.type === 'release') {
            expect(before.release).toBeNull();
            expect(['present', 'late']).toContain(currentMark(before));
            if (e.method === 'alone') expect(f.mayLeaveAlone).toBe(true);
            else expect(f.pickupPersonIds).toContain(e.personId);
          }
          if (before.release) {
            // Only a follow-up record may follow a release.
            expect(e.type).toBe('contact');
            expect(day.release).toEqual(before.release);
            expect(day.marks).toEqual(before.marks);
          }
          // Marks are only ever appended: a correction never loses the earlier mark.
          expect(day.marks.slice(0, before.marks.length)).toEqual(before.marks);
        }
      }),
    );
  });

  it('the status is one of the seven and agrees with the facts it rests on', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), facts, (events, f) => {
        const { day } = replay(events, f);
        const status = statusOf(day);
        if (status === 'released') expect(day.release).not.toBeNull();
        if (status === 'in_custody') expect(day.custody !== null && day.release === null).toBe(true);
        if (day.custody) expect(['present', 'late']).toContain(currentMark(day));
        if (status === 'absent') expect(day.followUp).not.toBeNull();
        // Called to the gate only while in care: present or late, not in custody, not gone.
        if (status === 'called') {
          expect(day.called).not.toBeNull();
          expect(['present', 'late']).toContain(currentMark(day));
        }
        if (day.called) expect(['present', 'late']).toContain(currentMark(day));
      }),
    );
  });

  it('the day closes only when every child is accounted for (settled or in custody)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(event, { maxLength: 20 }), facts), { maxLength: 30 }),
        fc.integer({ min: 0, max: 300 }),
        (children, minute) => {
          const days = children.map(([events, f], i) => ({ childId: `c${i}`, day: replay(events, f).day }));
          const moment: DayMoment = {
            now: new Date(Date.UTC(2026, 10, 30, 7, 30 + minute)),
            rollCallDue: new Date(Date.UTC(2026, 10, 30, 8, 10)),
            serviceEnd: new Date(Date.UTC(2026, 10, 30, 10, 0)),
          };
          const problems = dayCloseProblems(days, moment);
          for (const { childId, day } of days) {
            const listed = problems.some((p) => p.childId === childId);
            const status = statusOf(day);
            // Unmarked or in care, at any moment: the child is not handed over or not known.
            if (status === 'expected' || status === 'present' || status === 'called')
              expect(listed).toBe(true);
            // Gone, on leave, or in custody with a named staff member: accounted for (C 延时托管).
            if (status === 'released' || status === 'on_leave' || status === 'in_custody') {
              expect(listed).toBe(false);
            }
            const standing = standingOf(day, moment);
            expect(listed).toBe(!isSettled(standing) && standing !== 'in_custody');
          }
        },
      ),
    );
  });
});
