// Who may read and record the day's handovers (F-15, B 六(三) 交接班): the care teacher (their own
// groups), the duty chief and the school admin of the school; nobody of another school, no guardian,
// not the gate, not the bureau.
import { type Case, ownOnly } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';

const staffOfDay = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(200),
};

export const cases: Case<DailyMatrixExtra>[] = [
  {
    name: 'GET day handovers',
    request: (w, where) => ({
      method: 'GET',
      url: `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}/handovers`,
    }),
    allowed: staffOfDay,
  },
  {
    name: 'POST handover',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: `/api/schools/${w.school[where].schoolId}/days/${SERVICE_DATE}/handovers`,
      // The care teacher's group `mine` holds two children, none marked yet: two expected at the start.
      payload: {
        stage: 'start',
        groupId: extra.group.mine,
        fromName: '班主任',
        toName: '看护老师',
        countedCount: 2,
      },
    }),
    allowed: { school_admin: ownOnly(201), duty_chief: ownOnly(201), care_teacher: ownOnly(201) },
  },
];

export const prepare = prepareDailyWorld;
