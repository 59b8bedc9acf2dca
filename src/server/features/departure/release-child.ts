// The release at the gate (F-13, C 2 弹性离校): each release stores the child, the time, who released,
// to whom, how it was verified (the method; for a pickup code, the code checked again in the same
// transaction) and the device. Two gates releasing the same child at once: exactly one succeeds —
// the release lock orders them, and the database's one-release-per-child-and-day key
// (`child_day_events_release_key`) holds whatever happens; the other gate is told who released the
// child and when.

import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { childDayEvents, pickupPersons, users } from '../../../db/schema.js';
import type { ChildDayEvent } from '../../../domain/child-day.js';
import { applyEvent } from '../../../domain/child-day.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { loadDayChild, notifyDayChange, refusalError } from '../../daily/child-days.js';
import { assertDayOpen, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { inAppNotifier, type Message } from '../../notifications.js';
import {
  assertChildInScope,
  dayDetails,
  guardianAccounts,
  lockChildDay,
  openDepartureDay,
} from './departure-day.js';
import { type CodeOutcome, checkChildCode, codeFromInput, refuseCode } from './gate-code.js';
import type { ReleaseBody, ReleaseDetail } from './schemas.js';

function field(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh,
    en,
    details: { fields: [{ path, message: `${zh} / ${en}` }] },
  });
}

// The refusal a second gate gets: who released the child, when, and to whom.
export async function alreadyReleased(
  ctx: ActorContext,
  setting: ServiceDaySetting,
  studentId: string,
): Promise<AppError> {
  const child = await loadDayChild(ctx.db, setting, studentId);
  const release = (await dayDetails(ctx.db, setting.school.schoolId, [child])).get(studentId)?.release;
  if (!release) return refusalError('already_released');
  const time = schoolTime(new Date(release.at));
  const by = release.byName ?? '系统';
  const to = release.person ? `${release.person.name}（${release.person.relation}）` : null;
  return new AppError('CHILD_DAY_REFUSED', {
    zh: `${child.name}今天已于 ${time} 由 ${by} 放行${to ? `，交给 ${to}` : '（独自离校）'}，不能再次放行`,
    en: `${child.name} was already released today at ${time} by ${release.byName ?? 'the system'}${
      release.person ? ` to ${release.person.name}` : ' (left alone)'
    }`,
    details: {
      refusal: 'already_released',
      clause: 'C 2',
      releasedAt: release.at,
      releasedBy: release.byName,
      releasedTo: release.person?.name ?? null,
      method: release.method,
    },
  });
}

export function releaseMessages(
  schoolId: string,
  guardians: readonly string[],
  child: { studentId: string; name: string },
  release: ReleaseDetail,
): Message[] {
  const time = schoolTime(new Date(release.at));
  const body = release.person
    ? {
        zh: `${child.name}已于 ${time} 由 ${release.person.name}（${release.person.relation}）接走。`,
        en: `${child.name} left school at ${time} with ${release.person.name} (${release.person.relation}).`,
      }
    : {
        zh: `${child.name}已于 ${time} 独自离校（家长已同意独自离校）。`,
        en: `${child.name} left school alone at ${time} (as the guardian permitted).`,
      };
  return guardians.map((userId) => ({
    schoolId,
    userId,
    kind: 'released',
    title: { zh: '离校通知', en: 'Left school' },
    body,
    data: { studentId: child.studentId, at: release.at, method: release.method },
  }));
}

export async function releaseChild(
  ctx: ActorContext,
  options: { schoolId: string; date: string } & ReleaseBody,
) {
  const day = await openDepartureDay(ctx, { ...options, action: 'release.write', write: 'transaction' });
  const { setting } = day;
  const schoolId = setting.school.schoolId;
  if (options.method === 'alone') {
    if (options.pickupPersonId) {
      throw field(
        'body.pickupPersonId',
        '独自离校时不填接送人',
        'A child leaving alone goes with nobody: leave the person out',
      );
    }
  } else if (!options.pickupPersonId) {
    throw field('body.pickupPersonId', '请选择来接的授权接送人', 'Choose the authorized person collecting');
  }
  let code: string | null = null;
  if (options.method === 'pickup_code') {
    if (!options.code) throw field('body.code', '请输入接送码', 'Enter the pickup code');
    code = codeFromInput(options.code, day);
  }
  const at = ctx.clock.now();

  type Done =
    | { kind: 'released'; eventId: string; detail: ReleaseDetail }
    | { kind: 'code'; outcome: CodeOutcome };
  let done: Done;
  try {
    done = await ctx.db.transaction(async (tx): Promise<Done> => {
      await assertDayOpen(tx, setting.school.schoolId, setting.date);
      await lockChildDay(tx, setting, options.studentId);
      const child = await loadDayChild(tx, setting, options.studentId);
      assertChildInScope(ctx, day, child);
      if (code !== null) {
        const outcome = await checkChildCode(tx, {
          schoolId,
          date: setting.date,
          studentId: child.studentId,
          code,
          at,
        });
        // A wrong try is committed (the count), the release is not made.
        if (outcome.check !== 'ok') return { kind: 'code', outcome };
      }
      const event: ChildDayEvent = {
        type: 'release',
        method: options.method,
        personId: options.method === 'alone' ? null : (options.pickupPersonId ?? null),
        at: at.toISOString(),
        by: ctx.actor.userId,
      };
      const applied = applyEvent(child.day, event, child.facts);
      if (!applied.ok) {
        if (applied.refusal === 'already_released') throw new AlreadyReleased();
        throw refusalError(applied.refusal);
      }
      const [row] = await tx
        .insert(childDayEvents)
        .values({
          schoolId,
          serviceDate: setting.date,
          studentId: child.studentId,
          enrollmentId: child.enrollmentId,
          kind: 'release',
          method: options.method,
          pickupPersonId: event.personId,
          groupId: child.groupId,
          note: options.note ?? null,
          at,
          byUser: ctx.actor.userId,
          deviceId: options.deviceId,
        })
        .returning({ eventId: childDayEvents.eventId });
      if (!row) throw new Error('release not stored');
      const detail = await releaseDetail(tx, schoolId, event, ctx.actor.userId);
      const guardians = (await guardianAccounts(tx, schoolId, [child.studentId])).get(child.studentId) ?? [];
      await inAppNotifier.send(tx, releaseMessages(schoolId, guardians, child, detail));
      await notifyDayChange(tx, {
        schoolId,
        date: setting.date,
        studentIds: [child.studentId],
        kind: 'release',
      });
      return { kind: 'released', eventId: row.eventId, detail };
    });
  } catch (error) {
    if (error instanceof AlreadyReleased || isUniqueViolation(error, 'child_day_events_release_key')) {
      throw await alreadyReleased(ctx, setting, options.studentId);
    }
    throw error;
  }
  if (done.kind === 'code') {
    return refuseCode(ctx, done.outcome, {
      schoolId,
      date: setting.date,
      via: 'release',
      studentId: options.studentId,
    });
  }
  return {
    eventId: done.eventId,
    studentId: options.studentId,
    status: 'released' as const,
    release: done.detail,
  };
}

// The release as the guardian's message and the answer name it.
async function releaseDetail(
  tx: Db,
  schoolId: string,
  event: Extract<ChildDayEvent, { type: 'release' }>,
  userId: string,
): Promise<ReleaseDetail> {
  const [person] = event.personId
    ? await tx
        .select({ id: pickupPersons.personId, name: pickupPersons.name, relation: pickupPersons.relation })
        .from(pickupPersons)
        .where(and(eq(pickupPersons.schoolId, schoolId), eq(pickupPersons.personId, event.personId)))
    : [];
  const [user] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return { at: event.at, method: event.method, person: person ?? null, byName: user?.name ?? null };
}

class AlreadyReleased extends Error {}
