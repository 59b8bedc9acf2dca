import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  type ChildDay,
  type ChildDayEvent,
  type ChildFacts,
  dayCloseProblems,
  dueForCustody,
  followUpDue,
  NEW_CHILD_DAY,
  replay,
  statusOf,
} from './child-day.js';

const facts: ChildFacts = { mayLeaveAlone: false, extendedCustody: false, pickupPersonIds: ['p1'] };
const at = (hm: string) => `2026-11-30T${hm}:00+08:00`;
const mark = (m: 'present' | 'late' | 'absent' | 'leave', hm = '15:35'): ChildDayEvent => ({
  type: 'mark',
  mark: m,
  at: at(hm),
  by: 't1',
});

function run(events: ChildDayEvent[], f: ChildFacts = facts): ChildDay {
  const { day, refused } = replay(events, f);
  expect(refused).toEqual([]);
  return day;
}

describe('roll call (A 三.5 每天点名)', () => {
  it('starts expected; a mark sets the status; a correction keeps the earlier mark in the history', () => {
    expect(statusOf(NEW_CHILD_DAY)).toBe('expected');
    const day = run([mark('absent'), mark('present', '15:50')]);
    expect(statusOf(day)).toBe('present');
    expect(day.marks.map((m) => m.mark)).toEqual(['absent', 'present']);
  });

  it('refuses a mark that changes nothing', () => {
    const day = run([mark('present')]);
    expect(applyEvent(day, mark('present'), facts)).toEqual({ ok: false, refusal: 'same_mark' });
  });

  it('opens a follow-up for an absence, cancels it when corrected, reopens on a new absence', () => {
    const absent = run([mark('absent')]);
    expect(absent.followUp?.state).toBe('open');
    const corrected = run([mark('absent'), mark('leave', '15:40')]);
    expect(corrected.followUp?.state).toBe('cancelled');
    const again = run([mark('absent'), mark('leave', '15:40'), mark('absent', '15:45')]);
    expect(again.followUp?.state).toBe('open');
    expect(again.followUp?.openedAt).toBe(at('15:45'));
  });
});

describe('absence follow-up (F-12)', () => {
  it('closes with the contact recorded; escalates only when open and past the limit', () => {
    const absent = run([mark('absent', '15:35')]);
    expect(followUpDue(absent, new Date(at('16:04')), 30)).toBe(false);
    expect(followUpDue(absent, new Date(at('16:05')), 30)).toBe(true);
    const escalated = run([mark('absent'), { type: 'escalate', at: at('16:05') }]);
    expect(escalated.followUp?.state).toBe('escalated');
    expect(followUpDue(escalated, new Date(at('17:00')), 30)).toBe(false);
    const closed = run([
      mark('absent'),
      { type: 'escalate', at: at('16:05') },
      { type: 'contact', at: at('16:10'), by: 't1', result: '已联系母亲', reason: '发烧在家' },
    ]);
    expect(closed.followUp?.state).toBe('closed');
    expect(closed.followUp?.contact?.reason).toBe('发烧在家');
    expect(applyEvent(closed, { type: 'escalate', at: at('17:00') }, facts)).toEqual({
      ok: false,
      refusal: 'no_open_follow_up',
    });
  });
});

describe('release (C 2 弹性离校) and custody (C 延时托管)', () => {
  const release = (
    method: 'pickup_code' | 'listed_person' | 'alone',
    personId: string | null,
  ): ChildDayEvent => ({
    type: 'release',
    method,
    personId,
    at: at('17:00'),
    by: 'g1',
  });

  it('releases only a child in care, to a listed person, or alone with permission', () => {
    expect(applyEvent(NEW_CHILD_DAY, release('pickup_code', 'p1'), facts)).toEqual({
      ok: false,
      refusal: 'not_present',
    });
    const absent = run([mark('absent')]);
    expect(applyEvent(absent, release('pickup_code', 'p1'), facts)).toMatchObject({ refusal: 'not_present' });
    const present = run([mark('late')]);
    expect(applyEvent(present, release('listed_person', 'stranger'), facts)).toMatchObject({
      refusal: 'person_not_listed',
    });
    expect(applyEvent(present, release('alone', null), facts)).toMatchObject({
      refusal: 'alone_not_permitted',
    });
    const alone = applyEvent(present, release('alone', null), { ...facts, mayLeaveAlone: true });
    expect(alone.ok && statusOf(alone.day)).toBe('released');
    const done = run([mark('present'), release('pickup_code', 'p1')]);
    expect(done.release?.personId).toBe('p1');
    expect(applyEvent(done, release('pickup_code', 'p1'), facts)).toMatchObject({
      refusal: 'already_released',
    });
    expect(applyEvent(done, mark('absent'), facts)).toMatchObject({ refusal: 'already_released' });
  });

  it('puts a child in custody when the need is recorded or automatically after the grace', () => {
    const present = run([mark('present')]);
    const manual: ChildDayEvent = { type: 'custody', staffId: 's1', at: at('17:30'), automatic: false };
    expect(applyEvent(present, manual, facts)).toMatchObject({ refusal: 'no_custody_need' });
    expect(applyEvent(present, manual, { ...facts, extendedCustody: true }).ok).toBe(true);
    const end = new Date(at('17:30'));
    expect(dueForCustody(present, new Date(at('17:44')), end, 15)).toBe(false);
    expect(dueForCustody(present, new Date(at('17:45')), end, 15)).toBe(true);
    const custody = run([
      mark('present'),
      { type: 'custody', staffId: 's1', at: at('17:45'), automatic: true },
    ]);
    expect(statusOf(custody)).toBe('in_custody');
    expect(dueForCustody(custody, new Date(at('18:00')), end, 15)).toBe(false);
    expect(applyEvent(custody, mark('absent'), facts)).toMatchObject({ refusal: 'in_custody' });
    const collected = run([
      mark('present'),
      { type: 'custody', staffId: 's1', at: at('17:45'), automatic: true },
      release('listed_person', 'p1'),
    ]);
    expect(statusOf(collected)).toBe('released');
  });
});

describe('day close (F-16)', () => {
  it('lists every child not accounted for, with the reason', () => {
    const days = [
      { childId: 'unmarked', day: NEW_CHILD_DAY },
      { childId: 'leave', day: run([mark('leave')]) },
      { childId: 'absent-open', day: run([mark('absent')]) },
      { childId: 'absent-escalated', day: run([mark('absent'), { type: 'escalate', at: at('16:10') }]) },
      { childId: 'in-care', day: run([mark('present')]) },
      {
        childId: 'released',
        day: run([
          mark('present'),
          { type: 'release', method: 'pickup_code', personId: 'p1', at: at('17:00'), by: 'g' },
        ]),
      },
    ];
    expect(dayCloseProblems(days)).toEqual([
      { childId: 'unmarked', reason: 'no_mark' },
      { childId: 'absent-open', reason: 'absence_not_followed_up' },
      { childId: 'in-care', reason: 'still_in_care' },
    ]);
  });
});
