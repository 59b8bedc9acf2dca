// A child's day written straight into `child_day_events` for tests of the features that read it
// (handover, day close): the shape the roll-call, follow-up, gate and custody routes store.
import type { Db } from '../src/db/connect.js';
import { childDayEvents } from '../src/db/schema.js';
import type { DayWorld } from './daily-world.js';
import { SERVICE_DATE } from './daily-world.js';

type Child = DayWorld['children'][number];
type Step =
  | { kind: 'mark'; mark: 'present' | 'late' | 'absent' | 'leave' }
  | { kind: 'call' }
  | { kind: 'custody'; staffId: string; automatic?: boolean }
  | { kind: 'release'; alone?: boolean }
  | { kind: 'contact' }
  | { kind: 'escalate' };

let minute = 0;

// Appends the steps in order, a minute apart from 15:31 Shanghai on the service date.
export async function dayEvents(
  db: Db,
  world: DayWorld,
  child: Child,
  steps: Step[],
  by: string = world.users.dutyChief,
): Promise<void> {
  for (const step of steps) {
    minute++;
    const at = new Date(Date.parse(`${SERVICE_DATE}T15:30:00+08:00`) + minute * 60_000);
    const base = {
      schoolId: world.school.schoolId,
      serviceDate: SERVICE_DATE,
      studentId: child.studentId,
      enrollmentId: child.enrollmentId,
      at,
      byUser: step.kind === 'escalate' ? null : by,
    };
    switch (step.kind) {
      case 'mark':
        await db
          .insert(childDayEvents)
          .values({ ...base, kind: 'mark', mark: step.mark, groupId: child.groupId });
        break;
      case 'call':
        await db.insert(childDayEvents).values({ ...base, kind: 'call' });
        break;
      case 'custody':
        await db.insert(childDayEvents).values({
          ...base,
          kind: 'custody',
          staffId: step.staffId,
          automatic: step.automatic ?? false,
        });
        break;
      case 'release':
        await db.insert(childDayEvents).values({
          ...base,
          kind: 'release',
          method: step.alone ? 'alone' : 'listed_person',
          pickupPersonId: step.alone ? null : child.pickupPersonId,
          // Issue 14.4: a release to a listed person records how the gate checked the person.
          identityCheck: step.alone ? null : 'id_document',
        });
        break;
      case 'contact':
        await db.insert(childDayEvents).values({
          ...base,
          kind: 'contact',
          contactPerson: '母亲',
          result: '已联系上家长',
          reason: '发烧在家',
        });
        break;
      case 'escalate':
        await db.insert(childDayEvents).values({ ...base, kind: 'escalate' });
        break;
    }
  }
}
