// The day close's authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { expect, it } from 'vitest';
import { describeMatrix } from '../../../../test/authorization.js';
import { SERVICE_DATE } from '../../../../test/daily-world.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix('day close', cases, prepare, (m) => {
  it('the permitted close is refused for the unaccounted children, who are named', async () => {
    const chief = m.actors.get('duty_chief');
    if (!chief) throw new Error('no duty chief');
    const url = `/api/schools/${m.world.school.own.schoolId}/days/${SERVICE_DATE}`;
    const res = await chief.request({ method: 'POST', url: `${url}/close`, payload: {} });
    expect(res.json()).toMatchObject({ error: 'DAY_NOT_CLOSABLE' });
    expect(res.json().details.problems).toHaveLength(3);
  });
});
