// Who may read the whole day, move every child still in care to extended custody at the end time and
// close it (F-16, A 三.6 值日总护导; C 延时托管): the duty chief and the school admin of the school; not
// the care teachers or the gate, no guardian, no bureau, nobody of another school. The world's clock
// stands at 15:30, before the end time and with the children not marked yet: a permitted close is
// refused as DAY_NOT_CLOSABLE and a permitted move to custody as SERVICE_NOT_ENDED (409).
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
  {
    name: 'POST end-of-service custody',
    request: (w, where) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}/end-custody`,
      // Any staff id: the permission is checked before the body's staff member is looked at.
      payload: { staffId: '00000000-0000-4000-8000-000000000000' },
    }),
    allowed: { school_admin: ownOnly(409), duty_chief: ownOnly(409) },
  },
];

export const prepare = prepareDailyWorld;
