// Who may read and write the grouping (F-08), for every role in its own
// school, another school of the city and another region. Written out by hand, apart from the policy.
import { type Case, ownOnly, type Where } from '../../../../test/authorization.js';
import { type Extra, withApprovedNotices } from './test-fixture.js';

const staffReaders = { school_admin: ownOnly(200), duty_chief: ownOnly(200), care_teacher: ownOnly(200) };
const url = (w: { school: Record<Where, { schoolId: string }> }, where: Where, extra: Extra, path: string) =>
  `/api/schools/${w.school[where].schoolId}/terms/${extra.autumn[where]}/${path}`;

export const cases: Case<Extra>[] = [
  {
    name: 'GET grouping',
    request: (w, where, _n, extra) => ({ method: 'GET', url: url(w, where, extra, 'grouping') }),
    allowed: staffReaders,
  },
  {
    name: 'POST grouping proposal',
    request: (w, where, _n, extra) => ({
      method: 'POST',
      url: url(w, where, extra, 'grouping/proposal'),
      payload: { maxGroupSize: 40 },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
  {
    name: 'PUT grouping',
    request: (w, where, _n, extra) => ({
      method: 'PUT',
      url: url(w, where, extra, 'grouping'),
      payload: { groups: [] },
    }),
    allowed: { school_admin: ownOnly(200) },
  },
];

export const prepare = withApprovedNotices;
