// Who may read the roster (F-07) and download it (F-28), for every role in its own
// school, another school of the city and another region. Written out by hand, apart from the policy.
import { type Case, ownOnly, type Where } from '../../../../test/authorization.js';
import { type Extra, withApprovedNotices } from '../grouping/test-fixture.js';

const staffReaders = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(200),
  // With phones masked (roster.db.test.ts).
  gate_guard: ownOnly(200),
};
const url = (w: { school: Record<Where, { schoolId: string }> }, where: Where, extra: Extra, path: string) =>
  `/api/schools/${w.school[where].schoolId}/terms/${extra.autumn[where]}/${path}`;

export const cases: Case<Extra>[] = [
  {
    name: 'GET roster',
    request: (w, where, _n, extra) => ({ method: 'GET', url: url(w, where, extra, 'roster?weekday=1') }),
    allowed: staffReaders,
  },
  {
    name: 'GET roster export (xlsx)',
    request: (w, where, _n, extra) => ({
      method: 'GET',
      url: url(w, where, extra, 'roster/export?weekday=1'),
    }),
    allowed: staffReaders,
  },
  {
    name: 'POST roster print (audited)',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: url(w, where, extra, 'roster/print?weekday=1'),
    }),
    allowed: {
      school_admin: ownOnly(204),
      duty_chief: ownOnly(204),
      care_teacher: ownOnly(204),
      gate_guard: ownOnly(204),
    },
  },
];

export const prepare = withApprovedNotices;
