// Issue 14.7: the daily pages serve from the plan's own start date (服务开始日期) when it is later than
// the unified start date (B 六(五)), as the plan counts its service days; never before the unified one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app.js';
import {
  buildNotice,
  buildPlan,
  buildPolicyVersion,
  buildRegion,
  buildSchool,
  buildTerm,
  sampleTermPlan,
} from '../../../test/factories.js';
import { AppError } from '../errors.js';
import { loadSchool } from '../features/plans/plan-setting.js';
import { loadServiceDay } from './service-day.js';

describe('the first service day of the daily pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  // The term begins on Tuesday 2026-09-01, its unified start date is Monday 09-07.
  const served = async (startsOn: string | undefined, date: string) => {
    const { db } = t.database;
    const county = await buildRegion(db, { parent: await buildRegion(db, { level: 'city' }) });
    await buildPolicyVersion(db, county, { model: '5+2' });
    const term = await buildTerm(db, county, { unifiedStartDate: '2026-09-07' });
    const row = await buildSchool(db, { region: county });
    const content = sampleTermPlan(startsOn === undefined ? {} : { startsOn });
    const plan = await buildPlan(db, row, term.termId, { status: 'approved', content });
    await buildNotice(db, row, plan.planId);
    try {
      await loadServiceDay(db, await loadSchool(db, row.schoolId), date);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_SERVICE_DAY') return false;
      throw error;
    }
  };

  it('starts on the unified start date, or on the plan’s later start, never before the unified one', async () => {
    expect(await served(undefined, '2026-09-04')).toBe(false);
    expect(await served(undefined, '2026-09-07')).toBe(true);
    expect(await served('2026-09-14', '2026-09-11')).toBe(false);
    expect(await served('2026-09-14', '2026-09-14')).toBe(true);
    // A start before the unified date is a finding that blocks approval; should such a plan be
    // published all the same, the daily pages still wait for the unified start date.
    expect(await served('2026-09-02', '2026-09-04')).toBe(false);
  });
});
