// The import and export's authorization matrix; the cases, and who may do what, are in
// authorization-cases.ts.
import { expect, it } from 'vitest';
import { describeMatrix } from '../../../../test/authorization.js';
import { cases } from './authorization-cases.js';
import { multipartOf, studentRows, xlsxOf } from './fixtures.js';

describeMatrix('roster import and export', cases, undefined, (m) => {
  it('reads and saves a real upload for the school admin; a guardian’s upload is refused unread', async () => {
    const body = multipartOf(await xlsxOf(studentRows(2)));
    const url = `/api/schools/${m.world.school.own.schoolId}/import/students/commit`;
    const admin = m.actors.get('school_admin');
    const guardian = m.actors.get('guardian');
    if (!admin || !guardian) throw new Error('actors missing');
    const refused = await guardian.request({
      method: 'POST',
      url,
      payload: body.payload,
      headers: body.headers,
    });
    expect(refused.statusCode).toBe(403);
    const saved = await admin.request({ method: 'POST', url, payload: body.payload, headers: body.headers });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().counts.students).toBe(2);
  });
});
