// F-14 (C 延时托管): a child still in care (present or called) when the service has ended and the
// policy's pickup grace has passed moves to extended custody by itself, with the day's duty chief
// (A 三.6; else the group teacher) as the named staff member, and the guardians are told (F-30).
//
// Run it every minute or so in each server process: it is idempotent, and two processes running it at
// once make one custody per child (the child's lock orders them and the second reads the first's
// custody under it; `child_day_events_custody_key` holds whatever happens). Each move is audited as
// the system's (issue 13.9).
import type { Db } from '../../../db/connect.js';
import { notices } from '../../../db/schema.js';
import { dueForCustody } from '../../../domain/child-day.js';
import type { IsoDate } from '../../../domain/dates.js';
import { SYSTEM_META } from '../../audit.js';
import { type Clock, schoolDate } from '../../clock.js';
import { loadDayChildren, lockDayChild } from '../../daily/child-days.js';
import { dayClosure, loadServiceDay } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import type { Notifier } from '../../notifications.js';
import { loadSchool } from '../plans/plan-setting.js';
import { appendCustody, custodyMessages, defaultCustodian, serviceEnd } from './custody.js';
import { guardianAccounts } from './departure-day.js';

export interface CustodyJobResult {
  // Schools with a service day today whose grace has passed.
  schools: number;
  moved: { schoolId: string; studentId: string }[];
  // Children due but nobody to name (no duty chief, no group teacher): left in care, for the log.
  unstaffed: { schoolId: string; studentId: string }[];
}

export async function moveUncollectedToCustody(
  db: Db,
  clock: Clock,
  notifier: Notifier,
): Promise<CustodyJobResult> {
  const now = clock.now();
  const date = schoolDate(now) as IsoDate;
  const result: CustodyJobResult = { schools: 0, moved: [], unstaffed: [] };
  // Only schools with a published (approved) plan can have a service day.
  const candidates = await db.selectDistinct({ schoolId: notices.schoolId }).from(notices);
  for (const { schoolId } of candidates) {
    const school = await loadSchool(db, schoolId);
    let setting: Awaited<ReturnType<typeof loadServiceDay>>;
    try {
      setting = await loadServiceDay(db, school, date);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_A_SERVICE_DAY') continue;
      throw error;
    }
    const grace = setting.policy.pickupGraceMinutes;
    const end = serviceEnd(setting);
    if (now.getTime() < end.getTime() + grace * 60_000) continue;
    if (await dayClosure(db, schoolId, date)) continue;
    result.schools++;
    const due = (await loadDayChildren(db, setting)).filter((c) => dueForCustody(c.day, now, end, grace));
    if (due.length === 0) continue;
    const custodians = await defaultCustodian(db, setting, due);
    for (const candidate of due) {
      const custodian = custodians.get(candidate.studentId);
      if (!custodian) {
        result.unstaffed.push({ schoolId, studentId: candidate.studentId });
        continue;
      }
      let moved: boolean;
      try {
        moved = await db.transaction(async (tx) => {
          // Read again under the lock: released or placed meanwhile → nothing to do.
          const child = await lockDayChild(tx, setting, candidate.studentId, 'custody');
          if (!dueForCustody(child.day, now, end, grace)) return false;
          const guardians =
            (await guardianAccounts(tx, schoolId, [child.studentId])).get(child.studentId) ?? [];
          await notifier.send(tx, custodyMessages(schoolId, guardians, child, custodian, now, true, null));
          await appendCustody(tx, setting, child, {
            custodian,
            at: now,
            automatic: true,
            byUser: null,
            meta: SYSTEM_META,
          });
          return true;
        });
      } catch (error) {
        // The duty chief closed the day meanwhile (F-16): nothing more of it changes.
        if (error instanceof AppError && error.code === 'DAY_CLOSED') break;
        throw error;
      }
      if (moved) result.moved.push({ schoolId, studentId: candidate.studentId });
    }
  }
  return result;
}
