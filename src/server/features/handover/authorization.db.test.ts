// Who may read and record the day's handovers (F-15, B 六(三) 交接班): the care teacher (their own
// groups), the duty chief and the school admin of the school; nobody of another school, no guardian,
// not the gate, not the bureau.
import { expect, it } from 'vitest';
import { type Case, describeMatrix, ownOnly } from '../../../../test/authorization.js';
import { type DailyMatrixExtra, prepareDailyWorld, SERVICE_DATE } from '../../../../test/daily-world.js';

const staffOfDay = {
  school_admin: ownOnly(200),
  duty_chief: ownOnly(200),
  care_teacher: ownOnly(200),
};

const cases: Case<DailyMatrixExtra>[] = [
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

describeMatrix('handovers', cases, prepareDailyWorld, (m) => {
  it('a care teacher cannot record for a group they do not lead (not found), nor the whole school', async () => {
    const teacher = m.actors.get('care_teacher');
    if (!teacher) throw new Error('no teacher');
    const url = `/api/schools/${m.world.school.own.schoolId}/days/${SERVICE_DATE}/handovers`;
    const body = { stage: 'start', fromName: '班主任', toName: '看护老师', countedCount: 1 };
    const other = await teacher.request({
      method: 'POST',
      url,
      payload: { ...body, groupId: m.extra.group.other },
    });
    expect(other.statusCode).toBe(404);
    const whole = await teacher.request({ method: 'POST', url, payload: body });
    expect(whole.statusCode).toBe(403);
    const day = (await teacher.request({ method: 'GET', url })).json();
    expect(day.groups.map((g: { groupId: string }) => g.groupId)).toEqual([m.extra.group.mine]);
  });
});
