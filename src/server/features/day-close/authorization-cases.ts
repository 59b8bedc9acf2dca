// Who may read the whole day and close it (F-16, A 三.6 值日总护导): the duty chief and the school admin
// of the school; not the care teachers or the gate, no guardian, nobody of another school. The own
// school's children are not marked yet, so a permitted close is refused as DAY_NOT_CLOSABLE (409).
import { type Case, ownOnly } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';

export const cases: Case<DailyMatrixExtra>[] = [
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

export const prepare = prepareDailyWorld;
