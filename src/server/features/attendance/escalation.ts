// F-12 escalation (A 三.5 未到时及时了解情况; A 三.6 值日总护导): an absence follow-up still open after the
// region policy's `absenceFollowUpLimitMinutes` is escalated — an `escalate` event on the child's day
// (by nobody: the platform does it) and an in-app message to the day's duty chief and the school's
// admins, in one transaction. Run by a periodic job (serve and demo); safe to run twice at once or
// from several processes: each child's day is locked and its follow-up read again before escalating,
// so a follow-up escalates exactly once.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { childDayEvents, schoolMemberships, schools, users } from '../../../db/schema.js';
import { applyEvent, followUpDue } from '../../../domain/child-day.js';
import { chineseDate, type IsoDate } from '../../../domain/dates.js';
import { type Clock, schoolDate } from '../../clock.js';
import { appendChildEvent, loadDayChildren, lockDayWrite } from '../../daily/child-days.js';
import { dutyChiefOf, loadServiceDay, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError } from '../../errors.js';
import { inAppNotifier, type Message, type Notifier } from '../../notifications.js';
import { loadSchool } from '../plans/plan-setting.js';

export interface EscalationRun {
  date: IsoDate;
  escalated: { schoolId: string; studentId: string }[];
}

export async function escalateDueFollowUps(
  db: Db,
  clock: Clock,
  notifier: Notifier = inAppNotifier,
): Promise<EscalationRun> {
  const now = clock.now();
  const date = schoolDate(now);
  // Children marked absent today, per school (the day index child_day_events_day_idx starts with the
  // school, so each school is one index range).
  const candidates = await db.execute<{ school_id: string; student_id: string }>(sql`
    select distinct e.school_id, e.student_id
    from ${schools} s
    join lateral (
      select school_id, student_id from ${childDayEvents}
      where school_id = s.school_id and service_date = ${date} and kind = 'mark' and mark = 'absent'
    ) e on true`);
  const bySchool = new Map<string, string[]>();
  for (const row of candidates.rows) {
    const list = bySchool.get(row.school_id);
    if (list) list.push(row.student_id);
    else bySchool.set(row.school_id, [row.student_id]);
  }
  const escalated: EscalationRun['escalated'] = [];
  for (const [schoolId, studentIds] of bySchool) {
    let setting: ServiceDaySetting;
    try {
      setting = await loadServiceDay(db, await loadSchool(db, schoolId), date);
    } catch (error) {
      if (error instanceof AppError) continue;
      throw error;
    }
    const limit = setting.policy.absenceFollowUpLimitMinutes;
    const due = (await loadDayChildren(db, setting, { studentIds })).filter((c) =>
      followUpDue(c.day, now, limit),
    );
    for (const candidate of due) {
      const done = await db
        .transaction(async (tx) => {
          // Once the duty chief has closed the day (F-16) nothing of it changes: not escalated then.
          if ((await lockDayWrite(tx, schoolId, date, [candidate.studentId])).closed) return false;
          // Read again under the lock: another run (or a recorded contact) may have come first.
          const [child] = await loadDayChildren(tx, setting, { studentIds: [candidate.studentId] });
          if (!child || !followUpDue(child.day, now, limit)) return false;
          const outcome = applyEvent(child.day, { type: 'escalate', at: now.toISOString() }, child.facts);
          if (!outcome.ok) return false;
          // Closed while this waited for the lock: DAY_CLOSED, nothing appended, not escalated.
          await appendChildEvent(tx, setting, child, {
            kind: 'escalate',
            at: now,
            recordedAt: now,
            byUser: null,
          });
          const openedAt = child.day.followUp?.openedAt ?? now.toISOString();
          await notifier.send(
            tx,
            await escalationMessages(tx, setting, {
              studentId: child.studentId,
              name: child.name,
              className: child.className,
              groupName: child.groupName,
              openedAt,
              limit,
              at: now,
            }),
          );
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'DAY_CLOSED') return false;
          throw error;
        });
      if (done) escalated.push({ schoolId, studentId: candidate.studentId });
    }
  }
  return { date, escalated };
}

async function escalationMessages(
  db: Db,
  setting: ServiceDaySetting,
  child: {
    studentId: string;
    name: string;
    className: string;
    groupName: string | null;
    openedAt: string;
    limit: number;
    at: Date;
  },
): Promise<Message[]> {
  const schoolId = setting.school.schoolId;
  const chief = await dutyChiefOf(db, setting);
  const admins = await db
    .select({ userId: schoolMemberships.userId })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        eq(schoolMemberships.role, 'school_admin'),
        isNull(schoolMemberships.revokedAt),
        isNull(users.disabledAt),
      ),
    );
  const recipients = new Set(admins.map((a) => a.userId));
  if (chief?.userId) recipients.add(chief.userId);
  const where = child.groupName ? `${child.className}，${child.groupName}` : child.className;
  const whereEn = child.groupName ? `${child.className}, ${child.groupName}` : child.className;
  return [...recipients].map((userId) => ({
    schoolId,
    userId,
    kind: 'absence_escalated',
    title: { zh: '缺席未跟进，已上报', en: 'Absence not followed up: escalated' },
    body: {
      zh: `${child.name}（${where}）${chineseDate(setting.date)}缺席，超过 ${child.limit} 分钟仍未联系到家长，请值日总护导跟进（A 三.5）。`,
      en: `${child.name} (${whereEn}) is absent on ${setting.date} and no guardian has been reached within ${child.limit} minutes; please follow up (A 3.5).`,
    },
    data: { studentId: child.studentId, date: setting.date, openedAt: child.openedAt },
    at: child.at,
  }));
}
