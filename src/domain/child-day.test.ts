import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  blocksClose,
  type ChildDay,
  type ChildDayEvent,
  type ChildFacts,
  type DayMoment,
  dayCloseProblems,
  dueForCustody,
  endOfServiceCustody,
  followUpDue,
  isSettled,
  isUnknown,
  NEW_CHILD_DAY,
  replay,
  rollCallDueMinutes,
  standingOf,
  statusOf,
  writableAfterClose,
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

// The demo school's day: the first session at 15:40, the roll call due 30 minutes later, the end 17:30.
const moment = (hm: string, seconds = 0): DayMoment => ({
  now: new Date(new Date(at(hm)).getTime() + seconds * 1000),
  rollCallDue: new Date(at('16:10')),
  serviceEnd: new Date(at('17:30')),
});
const custodyEvent = (hm: string, automatic = true): ChildDayEvent => ({
  type: 'custody',
  staffId: 's1',
  at: at(hm),
  automatic,
});
const releaseEvent = (hm: string): ChildDayEvent => ({
  type: 'release',
  method: 'pickup_code',
  personId: 'p1',
  at: at(hm),
  by: 'g',
});

describe('where a child stands (F-16): accounted for, still in school, or unknown', () => {
  it('a child in care during the service is in school, not unknown — until the end time itself', () => {
    const present = run([mark('present')]);
    const called = run([mark('present'), { type: 'call', at: at('16:58'), by: 'g' }]);
    const late = run([mark('late', '15:50')]);
    for (const day of [present, called, late]) {
      expect(standingOf(day, moment('16:15'))).toBe('in_school');
      expect(standingOf(day, moment('17:29', 59))).toBe('in_school');
      expect(standingOf(day, moment('17:30'))).toBe('in_school');
      // One second after the end time, nobody has decided where the child goes: unknown.
      expect(standingOf(day, moment('17:30', 1))).toBe('no_custody_decision');
    }
    expect(isUnknown('in_school')).toBe(false);
    expect(isUnknown('no_custody_decision')).toBe(true);
  });

  it('a child without a mark is awaited until the roll-call deadline, unknown after it', () => {
    expect(standingOf(NEW_CHILD_DAY, moment('15:35'))).toBe('awaiting_roll_call');
    expect(standingOf(NEW_CHILD_DAY, moment('16:10'))).toBe('awaiting_roll_call');
    expect(standingOf(NEW_CHILD_DAY, moment('16:10', 1))).toBe('no_mark');
    expect(isUnknown('awaiting_roll_call')).toBe(false);
    expect(isUnknown('no_mark')).toBe(true);
  });

  it('the roll call is due at the first session plus the follow-up limit, never after the end time', () => {
    expect(rollCallDueMinutes(15 * 60 + 40, 17 * 60 + 30, 30)).toBe(16 * 60 + 10);
    expect(rollCallDueMinutes(17 * 60 + 10, 17 * 60 + 30, 30)).toBe(17 * 60 + 30);
    expect(rollCallDueMinutes(null, 17 * 60 + 30, 30)).toBe(17 * 60 + 30);
  });

  it('an absence is unknown until the guardian is reached or it is escalated; leave never is', () => {
    const open = run([mark('absent')]);
    expect(standingOf(open, moment('15:36'))).toBe('absence_not_followed_up');
    const contact: ChildDayEvent = {
      type: 'contact',
      at: at('15:50'),
      by: 't1',
      result: '已联系',
      reason: '病',
    };
    expect(standingOf(run([mark('absent'), contact]), moment('15:51'))).toBe('not_attending');
    expect(standingOf(run([mark('absent'), { type: 'escalate', at: at('16:10') }]), moment('16:11'))).toBe(
      'not_attending',
    );
    expect(standingOf(run([mark('leave')]), moment('15:36'))).toBe('not_attending');
    expect(standingOf(run([mark('leave')]), moment('18:30'))).toBe('not_attending');
  });

  it('a child in custody is known at any time, and left once released', () => {
    const inCustody = run([mark('present'), custodyEvent('17:30')]);
    expect(standingOf(inCustody, moment('17:30'))).toBe('in_custody');
    expect(standingOf(inCustody, moment('19:00'))).toBe('in_custody');
    expect(isUnknown('in_custody')).toBe(false);
    expect(isSettled('in_custody')).toBe(false);
    const collected = run([mark('present'), custodyEvent('17:30'), releaseEvent('17:50')]);
    expect(standingOf(collected, moment('18:00'))).toBe('left');
    expect(isSettled('left')).toBe(true);
  });
});

describe('day close (F-16)', () => {
  const released = run([mark('present'), releaseEvent('17:00')]);
  const days = [
    { childId: 'unmarked', day: NEW_CHILD_DAY },
    { childId: 'leave', day: run([mark('leave')]) },
    { childId: 'absent-open', day: run([mark('absent')]) },
    { childId: 'absent-escalated', day: run([mark('absent'), { type: 'escalate', at: at('16:10') }]) },
    { childId: 'in-care', day: run([mark('present')]) },
    { childId: 'in-custody', day: run([mark('present'), custodyEvent('17:30')]) },
    { childId: 'released', day: released },
    {
      childId: 'custody-released',
      day: run([mark('present'), custodyEvent('17:30'), releaseEvent('17:55')]),
    },
  ];

  it('lists every child not accounted for, with where they stand at that moment; never a child in custody', () => {
    expect(dayCloseProblems(days, moment('16:00'))).toEqual([
      { childId: 'unmarked', standing: 'awaiting_roll_call' },
      { childId: 'absent-open', standing: 'absence_not_followed_up' },
      { childId: 'in-care', standing: 'in_school' },
    ]);
    expect(dayCloseProblems(days, moment('17:31'))).toEqual([
      { childId: 'unmarked', standing: 'no_mark' },
      { childId: 'absent-open', standing: 'absence_not_followed_up' },
      { childId: 'in-care', standing: 'no_custody_decision' },
    ]);
  });

  it('closes on released, leave, followed-up absence, custody then released, and children still in custody', () => {
    const settled = days.filter(
      (d) => !['unmarked', 'absent-open', 'in-care', 'in-custody'].includes(d.childId),
    );
    expect(dayCloseProblems(settled, moment('18:30'))).toEqual([]);
    // C 延时托管: a child in custody with a named staff member is accounted for; the close does not wait.
    const withCustody = [...settled, days[5] ?? { childId: '', day: NEW_CHILD_DAY }];
    expect(dayCloseProblems(withCustody, moment('18:30'))).toEqual([]);
    expect(dayCloseProblems(withCustody, moment('17:30'))).toEqual([]);
  });

  it('blocksClose: unknown, awaiting and in school block; settled and in custody do not', () => {
    expect(blocksClose('in_custody')).toBe(false);
    expect(blocksClose('left')).toBe(false);
    expect(blocksClose('not_attending')).toBe(false);
    expect(blocksClose('in_school')).toBe(true);
    expect(blocksClose('awaiting_roll_call')).toBe(true);
    expect(blocksClose('no_mark')).toBe(true);
    expect(blocksClose('absence_not_followed_up')).toBe(true);
    expect(blocksClose('no_custody_decision')).toBe(true);
  });
});

describe('writes after the close (F-16, C 延时托管)', () => {
  it('accepts the release of a child in custody', () => {
    expect(writableAfterClose('release', 'in_custody')).toBe(true);
  });

  it('refuses the release of a child who was not in custody', () => {
    for (const status of ['expected', 'present', 'called', 'absent', 'on_leave', 'released'] as const) {
      expect(writableAfterClose('release', status), status).toBe(false);
    }
  });

  it('refuses marks, calls, new custody and escalations, whatever the status', () => {
    const statuses = [
      'expected',
      'present',
      'called',
      'absent',
      'on_leave',
      'in_custody',
      'released',
    ] as const;
    for (const kind of ['mark', 'call', 'custody', 'escalate'] as const) {
      for (const status of statuses)
        expect(writableAfterClose(kind, status), `${kind} ${status}`).toBe(false);
    }
  });

  it('keeps accepting the late follow-up contact of an absence (as before the close rule changed)', () => {
    expect(writableAfterClose('contact', 'absent')).toBe(true);
  });
});

describe('custody at the end of the service (C 延时托管)', () => {
  const children = [
    { id: 'present', day: run([mark('present')]) },
    { id: 'called', day: run([mark('present'), { type: 'call', at: at('17:20'), by: 'g' }]) },
    {
      id: 'custody',
      day: run([mark('present'), custodyEvent('17:30', false)], { ...facts, extendedCustody: true }),
    },
    { id: 'released', day: run([mark('present'), releaseEvent('17:00')]) },
    { id: 'absent', day: run([mark('absent')]) },
    { id: 'unmarked', day: NEW_CHILD_DAY },
  ];
  const end = new Date(at('17:30'));

  it('is refused before the end time', () => {
    expect(endOfServiceCustody(children, new Date(end.getTime() - 1000), end)).toEqual({
      ok: false,
      refusal: 'before_end',
    });
  });

  it('from the end time itself takes every child still in care, and nobody else', () => {
    const atEnd = endOfServiceCustody(children, end, end);
    expect(atEnd.ok && atEnd.due.map((c) => c.id)).toEqual(['present', 'called']);
    const later = endOfServiceCustody(children, new Date(end.getTime() + 3_600_000), end);
    expect(later.ok && later.due.map((c) => c.id)).toEqual(['present', 'called']);
  });

  it('once they are in custody there is nobody left to move (a repeat moves none)', () => {
    const moved = children.map((c) =>
      c.id === 'present' || c.id === 'called'
        ? { ...c, day: run([...eventsOf(c.id), custodyEvent('17:30')]) }
        : c,
    );
    const again = endOfServiceCustody(moved, end, end);
    expect(again.ok && again.due).toEqual([]);
  });
});

function eventsOf(id: string): ChildDayEvent[] {
  return id === 'called' ? [mark('present'), { type: 'call', at: at('17:20'), by: 'g' }] : [mark('present')];
}
