// The shared loaders of the daily features against a real database: which dates are service days,
// which children are in the service that day, and their day replayed from stored events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDayWorld, type DayWorld, SERVICE_DATE } from '../../../test/daily-world.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { childDayEvents, leaveRequests } from '../../db/schema.js';
import { AppError } from '../errors.js';
import { loadSchool } from '../features/plans/plan-setting.js';
import { loadDayChildren } from './child-days.js';
import { loadServiceDay } from './service-day.js';

let database: TestDatabase;
let world: DayWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await buildDayWorld(database.db, { groups: 2, perGroup: 3 });
});
afterAll(async () => {
  await database?.close();
});

async function refusal(date: string): Promise<{ code: string; zh: string; reason: unknown }> {
  const school = await loadSchool(database.db, world.school.schoolId);
  try {
    await loadServiceDay(database.db, school, date);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, zh: error.zh, reason: error.details?.reason };
    throw error;
  }
  throw new Error(`${date} was accepted`);
}

describe('service day', () => {
  it('accepts a served weekday of the term with its season, end time and batches', async () => {
    const school = await loadSchool(database.db, world.school.schoolId);
    const setting = await loadServiceDay(database.db, school, SERVICE_DATE);
    expect(setting.day).toMatchObject({ date: SERVICE_DATE, weekday: 1, season: 'other' });
    expect(setting.endTime).toBe('18:00');
    expect(setting.batches.map((b) => b.name)).toEqual(['第一批', '第二批']);
  });

  it('refuses a weekend, a holiday, a date before the unified start and a date outside every term', async () => {
    expect(await refusal('2026-11-29')).toMatchObject({ code: 'NOT_A_SERVICE_DAY', reason: 'weekend' });
    expect(await refusal('2026-10-01')).toMatchObject({ code: 'NOT_A_SERVICE_DAY', reason: 'holiday' });
    const early = await refusal('2026-09-02');
    expect(early).toMatchObject({ code: 'NOT_A_SERVICE_DAY', reason: 'before_start' });
    expect(early.zh).toContain('2026年9月7日');
    expect(await refusal('2027-03-01')).toMatchObject({ code: 'NOT_A_SERVICE_DAY', reason: 'no_term' });
    expect(await refusal('2026-13-01')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('children of the day', () => {
  it('lists the enrolled children by group with their facts, and replays their events', async () => {
    const db = database.db;
    const school = await loadSchool(db, world.school.schoolId);
    const setting = await loadServiceDay(db, school, SERVICE_DATE);
    const [first, second] = world.children;
    if (!first || !second) throw new Error('world');
    await db.insert(childDayEvents).values([
      {
        schoolId: school.schoolId,
        serviceDate: SERVICE_DATE,
        studentId: first.studentId,
        enrollmentId: first.enrollmentId,
        kind: 'mark',
        mark: 'absent',
        at: new Date('2026-11-30T07:35:00Z'),
        byUser: world.users.teachers[0],
      },
      {
        schoolId: school.schoolId,
        serviceDate: SERVICE_DATE,
        studentId: first.studentId,
        enrollmentId: first.enrollmentId,
        kind: 'mark',
        mark: 'present',
        at: new Date('2026-11-30T07:40:00Z'),
        byUser: world.users.teachers[0],
      },
    ]);
    await db.insert(leaveRequests).values({
      schoolId: school.schoolId,
      studentId: second.studentId,
      fromDate: '2026-11-30',
      toDate: '2026-12-01',
      reason: '看病',
      requestedBy: second.guardianUserId,
      requestedAt: new Date('2026-11-30T01:00:00Z'),
    });
    const children = await loadDayChildren(db, setting);
    expect(children).toHaveLength(6);
    const byId = new Map(children.map((c) => [c.studentId, c]));
    const one = byId.get(first.studentId);
    expect(one?.status).toBe('present');
    expect(one?.day.marks.map((m) => m.mark)).toEqual(['absent', 'present']);
    expect(one?.day.followUp?.state).toBe('cancelled');
    expect(one?.facts.pickupPersonIds).toEqual([first.pickupPersonId]);
    expect(one?.batch).toEqual({ name: '第一批', time: '17:00' });
    expect(byId.get(second.studentId)?.status).toBe('on_leave');
    const mine = await loadDayChildren(db, setting, { groupIds: [first.groupId] });
    expect(mine.map((c) => c.groupId)).toEqual([first.groupId, first.groupId, first.groupId]);
  });

  it('refuses to change or delete a stored event (append-only)', async () => {
    await expect(database.pool.query('update child_day_events set mark = $1', ['late'])).rejects.toThrow(
      /append-only/,
    );
    await expect(database.pool.query('delete from child_day_events')).rejects.toThrow(/append-only/);
  });
});
