// The gate's authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { expect, it } from 'vitest';
import { signIn } from '../../../../test/app.js';
import { describeMatrix } from '../../../../test/authorization.js';
import { cases, day, type Extra, prepare } from './authorization-cases.js';

describeMatrix<Extra>('departure', cases, prepare, (m) => {
  it('shows the gate guard masked phones and the duty chief full ones', async () => {
    const lookup = (who: 'gate_guard' | 'duty_chief') =>
      m.actors.get(who)?.request({
        method: 'POST',
        url: `${day(m.world, 'own')}/pickup/lookup`,
        payload: { code: m.extra.codes.own.code },
      });
    const guard = await lookup('gate_guard');
    const chief = await lookup('duty_chief');
    expect(guard?.statusCode).toBe(200);
    for (const p of guard?.json().pickupPersons ?? []) expect(p.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    for (const p of chief?.json().pickupPersons ?? []) expect(p.phone).toMatch(/^1\d{10}$/);
    expect(guard?.body).not.toMatch(/1\d{10}/);
  });

  it('keeps a care teacher to the groups they lead', async () => {
    const teacher = m.actors.get('care_teacher');
    const release = await teacher?.request({
      method: 'POST',
      url: `${day(m.world, 'own')}/releases`,
      payload: { studentId: m.world.otherFamilyChild, method: 'alone', deviceId: 'm' },
    });
    expect(release?.statusCode).toBe(403);
    const child = await teacher?.request({
      method: 'GET',
      url: `${day(m.world, 'own')}/pickup/children/${m.world.otherFamilyChild}`,
    });
    expect(child?.statusCode).toBe(403);
  });

  it('lets the guardian see the code of their own child only, also with a fresh session', async () => {
    const guardian = await signIn(m.t, m.world.guardianUserId);
    const own = await guardian.request({
      method: 'GET',
      url: `/api/schools/${m.world.school.own.schoolId}/students/${m.world.guardianChild}/pickup-code`,
    });
    expect(own.json().code).toMatch(/^\d{6}$/);
  });
});
