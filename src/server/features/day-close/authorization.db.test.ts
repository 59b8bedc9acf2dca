// Who may read the whole day and close it (F-16, A 三.6 值日总护导): the duty chief and the school admin
// of the school; not the care teachers or the gate, no guardian, nobody of another school. The own
// school's children are not marked yet, so a permitted close is refused as DAY_NOT_CLOSABLE (409).
import { expect, it } from 'vitest';
import { type Case, describeMatrix, ownOnly } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';

const cases: Case<DailyMatrixExtra>[] = [
  {
    name: 'GET day',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}`,
    }),
    allowed: { school_admin: ownOnly(200), duty_chief: ownOnly(200) },
  },
  {
    name: 'POST close day',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}/close`,
      payload: {},
    }),
    allowed: { school_admin: ownOnly(409), duty_chief: ownOnly(409) },
  },
];

describeMatrix('day close', cases, prepareDailyWorld, (m) => {
  it('the permitted close is refused for the unaccounted children, who are named', async () => {
    const chief = m.actors.get('duty_chief');
    if (!chief) throw new Error('no duty chief');
    const url = `/api/schools/${m.world.school.own.schoolId}/days/${SERVICE_DATE}`;
    const res = await chief.request({ method: 'POST', url: `${url}/close`, payload: {} });
    expect(res.json()).toMatchObject({ error: 'DAY_NOT_CLOSABLE' });
    expect(res.json().details.problems).toHaveLength(3);
  });
});
