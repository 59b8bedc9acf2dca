// The gate checks a pickup code (F-13): typed or scanned, it finds the child, the flags and the
// authorized persons with their photos. Guessing is kept expensive twice over (docs/domain-rules.md
// "Pickup codes at the gate"):
// - a code tried against its child (verify, or the release itself) counts wrong tries on that code
//   and locks it at PICKUP_CODE_MAX_FAILURES, even for the right digits;
// - a code looked up alone cannot say which child was meant, so wrong look-ups count against the
//   account instead: WRONG_LOOKUP_LIMIT within WRONG_LOOKUP_WINDOW_MINUTES and the account's
//   look-ups are refused until the oldest of them is out of the window. The count lives in the audit
//   log (one row per wrong code, who and when), so it holds across server processes.
// Codes are found and compared by their keyed hash (issue 13.8, `pickup-code-key.ts`).
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { executeNamed } from '../../../db/named-query.js';
import { pickupCodes } from '../../../db/schema.js';
import { addDays, type IsoDate, parseTime } from '../../../domain/dates.js';
import {
  type CodeCheck,
  checkPickupCode,
  earlyRelease,
  PICKUP_CODE_MAX_FAILURES,
} from '../../../domain/departure.js';
import { rosterPhone } from '../../../domain/grouping-rules.js';
import { readPickupInput } from '../../../domain/pickup-qr.js';
import { recordAudit } from '../../audit.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { type DayChild, loadDayChild } from '../../daily/child-days.js';
import { AppError } from '../../errors.js';
import {
  assertChildInScope,
  assertReleaseAccepted,
  type DepartureDay,
  dayDetails,
  openDepartureDay,
} from './departure-day.js';
import { type PickupCodeKey, sameHash } from './pickup-code-key.js';
import type { GateChild } from './schemas.js';

export const WRONG_LOOKUP_LIMIT = 10;
export const WRONG_LOOKUP_WINDOW_MINUTES = 10;
// A code of an earlier day is reported as expired (yesterday's screenshot) when it is this recent.
const EXPIRED_LOOKBACK_DAYS = 31;

// The six digits of what was typed or scanned; a scanned code of another school or day is refused
// here, before anything is looked up.
export function codeFromInput(input: string, day: DepartureDay): string {
  const read = readPickupInput(input);
  if (read.kind === 'unreadable') {
    throw new AppError('PICKUP_CODE_WRONG', {
      zh: '接送码应为 6 位数字，或扫描家长手机上的二维码',
      en: 'A pickup code is 6 digits, or scan the QR code on the guardian’s phone',
      details: { reason: 'unreadable' },
    });
  }
  if (read.kind === 'scanned') {
    if (read.schoolCode !== day.setting.school.code) {
      throw new AppError('PICKUP_CODE_WRONG', {
        zh: '这不是本校的接送码',
        en: 'This pickup code is not of this school',
        details: { reason: 'other_school' },
      });
    }
    if (read.date !== day.setting.date) throw expired(read.date);
  }
  return read.code;
}

function expired(codeDate: string): AppError {
  return new AppError('PICKUP_CODE_EXPIRED', {
    zh: `这是 ${codeDate} 的接送码，只在当天有效；请家长打开今天的接送码`,
    en: `This is the pickup code of ${codeDate}, valid on that day only; ask for today’s code`,
    details: { codeDate },
  });
}

export function lockedError(): AppError {
  return new AppError('PICKUP_CODE_LOCKED', { details: { maxFailures: PICKUP_CODE_MAX_FAILURES } });
}

export function wrongError(remaining: number | null): AppError {
  return new AppError('PICKUP_CODE_WRONG', {
    zh:
      remaining === null
        ? '接送码不正确，请核对后重输'
        : `接送码不正确；再错 ${remaining} 次该接送码将被锁定`,
    en:
      remaining === null
        ? 'The pickup code is wrong; check it and type it again'
        : `The pickup code is wrong; ${remaining} more wrong tries lock it`,
    details: { reason: 'wrong', ...(remaining === null ? {} : { remaining }) },
  });
}

// The start of the window in which an account's wrong look-ups are counted.
function lookupWindowStart(ctx: Pick<ActorContext, 'clock'>): Date {
  return new Date(ctx.clock.now().getTime() - WRONG_LOOKUP_WINDOW_MINUTES * 60_000);
}

// RATE_LIMITED once the account has WRONG_LOOKUP_LIMIT wrong look-ups within the window, until the
// oldest of them is out of it.
function assertNotGuessing(
  ctx: Pick<ActorContext, 'clock'>,
  wrong: { count: number; oldest: Date | null },
): void {
  const { count, oldest } = wrong;
  if (count < WRONG_LOOKUP_LIMIT || !oldest) return;
  const freeAt = oldest.getTime() + WRONG_LOOKUP_WINDOW_MINUTES * 60_000;
  const seconds = Math.max(1, Math.ceil((freeAt - ctx.clock.now().getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  throw new AppError('RATE_LIMITED', {
    zh: `错误接送码过多，请 ${minutes} 分钟后再试；其间可按姓名找到学生并核对接送人`,
    en: `Too many wrong pickup codes; try again in ${minutes} min, or find the child by name and check the person`,
    details: { retryAfterSeconds: seconds, reason: 'wrong_pickup_codes' },
  });
}

// One audit row per wrong code: the record of who tried, and the count above.
export async function recordWrongCode(
  ctx: ActorContext,
  schoolId: string,
  details: { date: string; via: 'lookup' | 'verify' | 'release'; studentId?: string; locked?: boolean },
): Promise<void> {
  await recordAudit(ctx.db, ctx.meta, {
    actorUserId: ctx.actor.userId,
    action: 'pickup.code_wrong',
    objectType: details.studentId ? 'student' : 'pickup_code',
    objectId: details.studentId ?? null,
    schoolId,
    at: ctx.clock.now(),
    details,
  });
}

// `counted`: this try was wrong and counted against the code.
export type CodeOutcome = { check: CodeCheck | 'no_code'; failures: number; counted: boolean };

// Checks `code` against the child's code of the day inside the caller's transaction, the row locked,
// and counts a wrong try (locking the code at the limit). The caller commits even when it refuses, so
// the count stays.
export async function checkChildCode(
  tx: Db,
  codes: PickupCodeKey,
  options: { schoolId: string; date: IsoDate; studentId: string; code: string; at: Date },
): Promise<CodeOutcome> {
  const [row] = await executeNamed<{
    code_hash: Buffer;
    service_date: IsoDate;
    failures: number;
    locked: boolean;
  }>(
    tx,
    'kehou_child_code',
    sql`select code_hash, service_date, failures, locked_at is not null as locked from pickup_codes
      where school_id = ${options.schoolId} and service_date = ${options.date}
        and student_id = ${options.studentId}
      for update`,
  );
  if (!row) return { check: 'no_code', failures: 0, counted: false };
  const check = row.locked
    ? 'locked'
    : checkPickupCode({
        typed: options.code,
        matches: (digits) => sameHash(codes.hash(options, digits), row.code_hash),
        codeDay: row.service_date,
        today: options.date,
        failures: row.failures,
      });
  if (check !== 'wrong') return { check, failures: row.failures, counted: false };
  const failures = row.failures + 1;
  await tx
    .update(pickupCodes)
    .set({ failures, lockedAt: failures >= PICKUP_CODE_MAX_FAILURES ? options.at : null })
    .where(
      and(
        eq(pickupCodes.schoolId, options.schoolId),
        eq(pickupCodes.serviceDate, options.date),
        eq(pickupCodes.studentId, options.studentId),
      ),
    );
  return { check: failures >= PICKUP_CODE_MAX_FAILURES ? 'locked' : 'wrong', failures, counted: true };
}

// The refusal for a code outcome that is not ok (after the transaction has committed the count).
export async function refuseCode(
  ctx: ActorContext,
  outcome: CodeOutcome,
  details: { schoolId: string; date: string; via: 'verify' | 'release'; studentId: string },
): Promise<never> {
  if (outcome.check === 'no_code') {
    throw new AppError('PICKUP_CODE_WRONG', {
      zh: '家长今天还没有打开接送码；请核对接送人后按“接送人”放行',
      en: 'The guardian has not opened today’s pickup code; check the person and release to a listed person',
      details: { reason: 'no_code' },
    });
  }
  if (outcome.check === 'expired') throw expired('?');
  if (outcome.counted) {
    await recordWrongCode(ctx, details.schoolId, {
      date: details.date,
      via: details.via,
      studentId: details.studentId,
      locked: outcome.check === 'locked',
    });
  }
  if (outcome.check === 'locked') throw lockedError();
  throw wrongError(PICKUP_CODE_MAX_FAILURES - outcome.failures);
}

// What the gate sees of a child: state, batch, flags, the authorized persons with photos (phones
// masked without roster.full_phones).
export async function gateChildView(
  ctx: ActorContext,
  day: DepartureDay,
  child: DayChild,
  codeChecked: boolean,
): Promise<GateChild> {
  const schoolId = day.setting.school.schoolId;
  const [details, persons] = await Promise.all([
    dayDetails(ctx.db, schoolId, [child]),
    child.facts.pickupPersonIds.length === 0
      ? []
      : executeNamed<{
          id: string;
          name: string;
          relation: string;
          phone: string;
          photo: boolean;
        }>(
          ctx.db,
          'kehou_gate_persons',
          sql`select person_id as id, name, relation, phone, photo_file_id is not null as photo
            from pickup_persons where school_id = ${schoolId} and student_id = ${child.studentId}
            order by created_at, person_id`,
        ),
  ]);
  const live = new Set(child.facts.pickupPersonIds);
  const d = details.get(child.studentId);
  return {
    studentId: child.studentId,
    name: child.name,
    grade: child.grade,
    className: child.className,
    groupName: child.groupName,
    status: child.status,
    batch: child.batch,
    flags: {
      extendedCustody: child.facts.extendedCustody,
      mayLeaveAlone: child.facts.mayLeaveAlone,
      onLeave: child.status === 'on_leave',
      absent: child.status === 'absent',
      notMarked: child.status === 'expected',
    },
    calledAt: d?.calledAt ?? null,
    release: d?.release ?? null,
    custody: d?.custody ?? null,
    pickupPersons: persons
      .filter((p) => live.has(p.id))
      .map((p) => ({
        id: p.id,
        name: p.name,
        relation: p.relation,
        phone: rosterPhone(p.phone, day.fullPhones),
        photoUrl: p.photo
          ? `/api/schools/${schoolId}/students/${child.studentId}/pickup-persons/${p.id}/photo`
          : null,
      })),
    codeChecked,
    // C 2: the page warns before the batch (the release asks for the confirmation again, at its time).
    early: earlyRelease({ nowMinutes: parseTime(schoolTime(ctx.clock.now())), batch: child.batch }),
  };
}

// The most recent earlier day (within EXPIRED_LOOKBACK_DAYS) on which `code` was a code of the school:
// the hash differs per day, so one hash per day is probed, each an index look-up.
async function earlierCodeDay(
  ctx: ActorContext,
  codes: PickupCodeKey,
  options: { schoolId: string; today: IsoDate; code: string },
): Promise<string | null> {
  const dates = Array.from({ length: EXPIRED_LOOKBACK_DAYS }, (_, i) => addDays(options.today, -(i + 1)));
  const hashes = dates.map((date) =>
    codes.hash({ schoolId: options.schoolId, date }, options.code).toString('hex'),
  );
  const [earlier] = await executeNamed<{ date: string }>(
    ctx.db,
    'kehou_pickup_earlier',
    sql`select c.service_date as date
      from unnest(${sql.param(dates)}::date[], ${sql.param(hashes)}::text[]) as x(day, hash)
      join pickup_codes c on c.school_id = ${options.schoolId} and c.service_date = x.day
        and c.code_hash = decode(x.hash, 'hex')
      order by c.service_date desc limit 1`,
  );
  return earlier?.date ?? null;
}

// POST …/pickup/lookup: the code alone finds the child. Unknown → PICKUP_CODE_WRONG (counted against
// the account); a code of an earlier day → PICKUP_CODE_EXPIRED; a locked code → PICKUP_CODE_LOCKED,
// without naming the child.
export async function lookupPickupCode(
  ctx: ActorContext,
  options: { schoolId: string; date: string; code: string },
  codes: PickupCodeKey,
): Promise<GateChild> {
  // The closure is read below with the code, in the same statement.
  const day = await openDepartureDay(ctx, {
    ...options,
    action: 'release.write',
    write: 'caller-checks-closure',
  });
  const schoolId = day.setting.school.schoolId;
  const code = codeFromInput(options.code, day);
  const codeHash = codes.hash({ schoolId, date: day.setting.date }, code);
  // In one statement: the day's closure, the account's wrong look-ups in the window, today's code
  // (by its hash: `pickup_codes_code_hash_key`).
  const [found] = await executeNamed<{
    closed: boolean;
    wrong: number;
    oldest: string | null;
    student_id: string | null;
    failures: number | null;
    locked: boolean | null;
  }>(
    ctx.db,
    'kehou_pickup_lookup',
    sql`select
      exists (select 1 from day_closures where school_id = ${schoolId} and service_date = ${day.setting.date})
        as closed,
      w.wrong, w.oldest, c.student_id, c.failures, c.locked_at is not null as locked
    from (
      select count(*)::int as wrong, min(a.at) as oldest from audit_log a
      where a.scope_school_id = ${schoolId} and a.at >= ${lookupWindowStart(ctx).toISOString()}::timestamptz
        and a.action = 'pickup.code_wrong' and a.actor_user_id = ${ctx.actor.userId}
    ) w
    left join pickup_codes c on c.school_id = ${schoolId} and c.service_date = ${day.setting.date}
      and c.code_hash = ${codeHash}`,
  );
  if (!found) throw new Error('pickup look-up returned no row');
  assertNotGuessing(ctx, { count: found.wrong, oldest: found.oldest ? new Date(found.oldest) : null });
  if (found.student_id === null) {
    const earlier = await earlierCodeDay(ctx, codes, { schoolId, today: day.setting.date, code });
    if (earlier) throw expired(earlier);
    await recordWrongCode(ctx, schoolId, { date: day.setting.date, via: 'lookup' });
    throw wrongError(null);
  }
  if (found.locked || (found.failures ?? 0) >= PICKUP_CODE_MAX_FAILURES) throw lockedError();
  const child = await loadDayChild(ctx.db, day.setting, found.student_id);
  assertChildInScope(ctx, day, child);
  // A closed day: only a child in custody is still released (the closure was read with the code).
  await assertReleaseAccepted(ctx.db, day.setting, child, found.closed);
  return gateChildView(ctx, day, child, true);
}

// POST …/pickup/verify: the guard found the child by name or on the board and types the code the
// person shows; a wrong one counts against that child's code and locks it at the limit.
export async function verifyPickupCode(
  ctx: ActorContext,
  options: { schoolId: string; date: string; studentId: string; code: string },
  codes: PickupCodeKey,
): Promise<GateChild> {
  // The closure is checked with the child: after the close a child in custody is still released.
  const day = await openDepartureDay(ctx, {
    ...options,
    action: 'release.write',
    write: 'caller-checks-closure',
  });
  const schoolId = day.setting.school.schoolId;
  // No per-account limit here: a wrong code counts against this child's code, which locks.
  const child = await loadDayChild(ctx.db, day.setting, options.studentId);
  assertChildInScope(ctx, day, child);
  await assertReleaseAccepted(ctx.db, day.setting, child);
  const code = codeFromInput(options.code, day);
  const outcome = await ctx.db.transaction((tx) =>
    checkChildCode(tx, codes, {
      schoolId,
      date: day.setting.date,
      studentId: child.studentId,
      code,
      at: ctx.clock.now(),
    }),
  );
  if (outcome.check !== 'ok') {
    await refuseCode(ctx, outcome, {
      schoolId,
      date: day.setting.date,
      via: 'verify',
      studentId: child.studentId,
    });
  }
  return gateChildView(ctx, day, child, true);
}

// GET …/children/:studentId at the gate: a child found by name (the code is then checked by verify,
// or the release goes to a listed person).
export async function gateChild(
  ctx: ActorContext,
  options: { schoolId: string; date: string; studentId: string },
): Promise<GateChild> {
  const day = await openDepartureDay(ctx, { ...options, action: 'release.write', write: false });
  const child = await loadDayChild(ctx.db, day.setting, options.studentId);
  assertChildInScope(ctx, day, child);
  return gateChildView(ctx, day, child, false);
}
