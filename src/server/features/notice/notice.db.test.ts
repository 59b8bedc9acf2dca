// F-05: the public notice is rate-limited like every route, and takes no writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/app.js';
import { buildSchool } from '../../../../test/factories.js';

describe('public notice route', () => {
  let t: TestApp;
  let code: string;
  beforeAll(async () => {
    t = await buildTestApp({ rateLimit: { max: 3, loginMax: 3, timeWindowMs: 60_000 } });
    code = (await buildSchool(t.database.db)).code;
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers a write with 404 and a flood with 429', async () => {
    const url = `/api/public/notices/${code}/2026-2027-1`;
    expect((await t.app.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(404);
    // The refused write counted too (unknown routes are rate-limited): two more reads reach the limit.
    for (let i = 0; i < 2; i++) expect((await t.app.inject({ url })).statusCode).toBe(404);
    const limited = await t.app.inject({ url });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('RATE_LIMITED');
  });
});
