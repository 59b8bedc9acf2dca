// Who reads the school's day at a glance (issue 14.9): the school admin of the school only — not the
// duty chief (the day page is theirs), no teacher, gate or guardian, no bureau, nobody of another
// school. Each member of a school's staff reads their own staff record there, nobody else's school.
import { type Case, ownOnly } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld } from '../../../../test/daily-world.js';

export const cases: Case<DailyMatrixExtra>[] = [
  {
    name: 'GET school today',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/today` }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'GET own staff record',
    request: (w, where) => ({ method: 'GET', url: `/api/schools/${w.school[where].schoolId}/me/staff` }),
    allowed: {
      school_admin: ownOnly(200),
      care_teacher: ownOnly(200),
      duty_chief: ownOnly(200),
      gate_guard: ownOnly(200),
    },
  },
];

export const prepare = prepareDailyWorld;
