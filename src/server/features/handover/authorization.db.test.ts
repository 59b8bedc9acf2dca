// The handovers' authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { expect, it } from 'vitest';
import { describeMatrix } from '../../../../test/authorization.js';
import { SERVICE_DATE } from '../../../../test/daily-world.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix('handovers', cases, prepare, (m) => {
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
