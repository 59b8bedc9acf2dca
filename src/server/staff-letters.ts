// The dates of every responsibility letter of a school's staff (A 三.1), by staff id: what grouping,
// the rota and the staff list ask before anyone is put in charge of children.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { responsibilityLetters } from '../db/schema.js';
import type { LetterDates } from '../domain/staff.js';

export async function letterDatesByStaff(
  db: Pick<Db, 'select'>,
  schoolId: string,
): Promise<Map<string, LetterDates[]>> {
  const rows = await db
    .select({
      staffId: responsibilityLetters.staffId,
      signedOn: responsibilityLetters.signedOn,
      validUntil: responsibilityLetters.validUntil,
    })
    .from(responsibilityLetters)
    .where(eq(responsibilityLetters.schoolId, schoolId));
  const byStaff = new Map<string, LetterDates[]>();
  for (const { staffId, signedOn, validUntil } of rows) {
    const list = byStaff.get(staffId) ?? [];
    list.push({ signedOn, validUntil });
    byStaff.set(staffId, list);
  }
  return byStaff;
}
