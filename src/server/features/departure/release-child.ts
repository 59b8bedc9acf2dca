// The release at the gate (F-13, C 2 弹性离校): each release stores the child, the time, who released,
// to whom, how it was verified (the method; for a pickup code, the code checked again in the same
// transaction; to a listed person without the code, the identity check the guard made — issue 14.4),
// whether it was before the child's batch and confirmed so, and the device. Two gates releasing the same child at once: exactly one succeeds —
// the release lock orders them, and the database's one-release-per-child-and-day key
// (`child_day_events_release_key`) holds whatever happens; the other gate is told who released the
// child and when. Each release is audited with who, when, from which address and device (issue 13.9)
// in the same statement as the event.

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { executeNamed } from '../../../db/named-query.js';
import type { ChildDayEvent } from '../../../domain/child-day.js';
import { applyEvent } from '../../../domain/child-day.js';
import { parseTime } from '../../../domain/dates.js';
import {
  type EarlyRelease,
  type IdentityRefusal,
  releaseIdentityCheck,
  releaseTiming,
} from '../../../domain/departure.js';
import { auditStatement } from '../../audit.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { appendChildEvent, loadDayChild, lockDayChild, refusalError } from '../../daily/child-days.js';
import type { ServiceDaySetting } from '../../daily/service-day.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { inAppNotifier, type Message } from '../../notifications.js';
import { assertChildInScope, dayDetails, openDepartureDay } from './departure-day.js';
import { type CodeOutcome, checkChildCode, codeFromInput, refuseCode } from './gate-code.js';
import type { PickupCodeKey } from './pickup-code-key.js';
import type { ReleaseBody, ReleaseDetail } from './schemas.js';

function field(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION_FAILED', {
    zh,
    en,
    details: { fields: [{ path, message: `${zh} / ${en}` }] },
  });
}

// A refusal of the identity check as the API's error (the page shows it under the check).
function identityError(refusal: IdentityRefusal): AppError {
  switch (refusal) {
    case 'identity_check_required':
      return new AppError('IDENTITY_CHECK_REQUIRED', {
        details: {
          fields: [{ path: 'body.identityCheck', message: '请核验接送人身份 / Check the identity' }],
        },
      });
    case 'identity_check_not_applicable':
      return field(
        'body.identityCheck',
        '用接送码放行或独自离校时不填身份核验',
        'An identity check goes only with a release to a listed person without the code',
      );
    case 'no_photo_on_file':
      return field(
        'body.identityCheck.method',
        '该接送人没有登记照片，请核对身份证号后四位或查验身份证件',
        'This person has no photo on file: check the last four digits of the ID number or the ID document',
      );
    case 'id_last4_invalid':
      return field(
        'body.identityCheck.last4',
        '请输入身份证号的后四位（数字，最后一位可以是 X）',
        'Enter the last four characters of the ID number (digits; the last may be X)',
      );
    case 'id_last4_mismatch':
      return new AppError('IDENTITY_CHECK_FAILED');
  }
}

// The refusal of an early release not yet confirmed: the page asks with the batch and the minutes.
function earlyError(early: EarlyRelease): AppError {
  return new AppError('EARLY_RELEASE_UNCONFIRMED', {
    zh: `还没到该学生的离校批次（${early.batchName} ${early.batchTime}），现在放行提前 ${early.minutesEarly} 分钟，须先确认`,
    en: `It is ${early.minutesEarly} min before the child's departure batch (${early.batchTime}); confirm the early release first`,
    details: { clause: 'C 2', ...early },
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
  const left = release.person
    ? {
        zh: `${child.name}已于 ${time} 由 ${release.person.name}（${release.person.relation}）接走。`,
        en: `${child.name} left school at ${time} with ${release.person.name} (${release.person.relation}).`,
      }
    : {
        zh: `${child.name}已于 ${time} 独自离校（家长已同意独自离校）。`,
        en: `${child.name} left school alone at ${time} (as the guardian permitted).`,
      };
  // How the gate checked the person and whether it was before the batch (issue 14.4): the guardian's
  // messages are the family's record of each release.
  const how = verificationWords(release);
  const early = release.early
    ? {
        zh: `早于离校批次 ${release.early.batchTime} ${release.early.minutesEarly} 分钟放行，门卫已确认。`,
        en: ` Released ${release.early.minutesEarly} min before the ${release.early.batchTime} batch, confirmed at the gate.`,
      }
    : { zh: '', en: '' };
  const body = {
    zh: `${left.zh}${how ? `核验方式：${how.zh}。` : ''}${early.zh}`,
    en: `${left.en}${how ? ` Checked by ${how.en}.` : ''}${early.en}`,
  };
  return guardians.map((userId) => ({
    schoolId,
    userId,
    kind: 'released',
    title: { zh: '离校通知', en: 'Left school' },
    body,
    data: { studentId: child.studentId, at: release.at, method: release.method },
    at: new Date(release.at),
  }));
}

// The check a release was made on, in words (null: a child leaving alone).
function verificationWords(release: ReleaseDetail): { zh: string; en: string } | null {
  if (release.method === 'pickup_code') return { zh: '接送码', en: 'the pickup code' };
  const check = release.identityCheck;
  if (!check) return null;
  switch (check.method) {
    case 'photo':
      return { zh: '核对登记照片', en: 'the photo on file' };
    case 'id_last4':
      return {
        zh: `身份证号后四位 ${check.last4 ?? ''}`,
        en: `the last four digits of the ID number (${check.last4 ?? ''})`,
      };
    case 'id_document':
      return { zh: '查验身份证件', en: 'the ID document' };
  }
}

export async function releaseChild(
  ctx: ActorContext,
  options: { schoolId: string; date: string } & ReleaseBody,
  codes: PickupCodeKey,
) {
  const day = await openDepartureDay(ctx, {
    ...options,
    action: 'release.write',
    write: 'caller-checks-closure',
  });
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
      const child = await lockDayChild(tx, setting, options.studentId, 'release');
      assertChildInScope(ctx, day, child);
      // C 2: before the child's batch only when the person releasing confirmed it (asked before
      // the code is checked, so that a confirmation does not cost a try).
      const timing = releaseTiming({
        nowMinutes: parseTime(schoolTime(at)),
        batch: child.batch,
        earlyConfirmed: options.confirmEarly === true,
      });
      if (!timing.ok) throw earlyError(timing.early);
      if (code !== null) {
        const outcome = await checkChildCode(tx, codes, {
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
      const names = await releaseNames(tx, {
        schoolId,
        studentId: child.studentId,
        personId: event.personId,
        userId: ctx.actor.userId,
      });
      const identity = releaseIdentityCheck({
        method: options.method,
        check: options.identityCheck ?? null,
        photoOnFile: names.photoOnFile,
        // A 三: the school keeps no ID numbers of pickup persons, so the digits are recorded as read.
        last4OnFile: null,
      });
      if (!identity.ok) throw identityError(identity.refusal);
      const applied = applyEvent(child.day, event, child.facts);
      if (!applied.ok) {
        if (applied.refusal === 'already_released') throw new AlreadyReleased();
        throw refusalError(applied.refusal);
      }
      const early = timing.early
        ? { batchTime: timing.early.batchTime, minutesEarly: timing.early.minutesEarly }
        : null;
      const detail: ReleaseDetail = {
        at: event.at,
        method: event.method,
        person: names.person,
        byName: names.byName,
        identityCheck: identity.record,
        early,
      };
      await inAppNotifier.send(tx, releaseMessages(schoolId, names.guardians, child, detail));
      const eventId = randomUUID();
      await appendChildEvent(
        tx,
        setting,
        child,
        {
          kind: 'release',
          eventId,
          method: options.method,
          pickupPersonId: event.personId,
          identityCheck: identity.record?.method ?? null,
          idLast4: identity.record?.last4 ?? null,
          earlyBatchTime: early?.batchTime ?? null,
          earlyMinutes: early?.minutesEarly ?? null,
          note: options.note ?? null,
          at,
          byUser: ctx.actor.userId,
          deviceId: options.deviceId,
        },
        {
          also: {
            name: 'audit',
            statement: auditStatement(ctx.meta, {
              actorUserId: ctx.actor.userId,
              action: 'departure.release',
              objectType: 'student',
              objectId: child.studentId,
              schoolId,
              regionId: setting.school.regionId,
              at,
              details: {
                date: setting.date,
                eventId,
                method: options.method,
                pickupPersonId: event.personId,
                identityCheck: identity.record,
                early,
                deviceId: options.deviceId,
              },
            }),
          },
        },
      );
      return { kind: 'released', eventId, detail };
    });
  } catch (error) {
    if (error instanceof AlreadyReleased || isUniqueViolation(error, 'child_day_events_release_key')) {
      throw await alreadyReleased(ctx, setting, options.studentId);
    }
    // After the close a second gate releasing a child already released from custody is told who
    // released the child, as before the close, rather than only that the day is closed.
    if (error instanceof AppError && error.code === 'DAY_CLOSED') {
      const child = await loadDayChild(ctx.db, setting, options.studentId).catch(() => null);
      if (child?.status === 'released') throw await alreadyReleased(ctx, setting, options.studentId);
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

// The names the release's answer and the guardians' message carry — the person collecting, the
// account releasing — and the guardians' accounts, in one statement.
async function releaseNames(
  tx: Db,
  options: { schoolId: string; studentId: string; personId: string | null; userId: string },
): Promise<{
  person: ReleaseDetail['person'];
  photoOnFile: boolean;
  byName: string | null;
  guardians: string[];
}> {
  const [row] = await executeNamed<{
    person: ReleaseDetail['person'];
    photo: boolean;
    by_name: string | null;
    guardians: string[];
  }>(
    tx,
    'kehou_release_names',
    sql`select
      (select json_build_object('id', p.person_id, 'name', p.name, 'relation', p.relation)
        from pickup_persons p where p.school_id = ${options.schoolId} and p.person_id = ${options.personId}::uuid)
        as person,
      coalesce((select p.photo_file_id is not null from pickup_persons p
        where p.school_id = ${options.schoolId} and p.person_id = ${options.personId}::uuid), false) as photo,
      (select u.display_name from users u where u.id = ${options.userId}) as by_name,
      coalesce((select json_agg(g.user_id order by g.user_id) from guardianships g
        where g.school_id = ${options.schoolId} and g.student_id = ${options.studentId}), '[]'::json)
        as guardians`,
  );
  return {
    person: row?.person ?? null,
    photoOnFile: row?.photo === true,
    byName: row?.by_name ?? null,
    guardians: row?.guardians ?? [],
  };
}

class AlreadyReleased extends Error {}
