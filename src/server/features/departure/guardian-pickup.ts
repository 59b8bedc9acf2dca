// The guardian's side of the gate (F-13, C 2 弹性离校): today's pickup code with its QR, the child's
// state, and today's departure batch, which the guardian may change until the cut-off.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { batchChoices, classes, pickupCodes, pickupPersons, students } from '../../../db/schema.js';
import type { ChildDayStatus } from '../../../domain/child-day.js';
import { formatTime, parseTime } from '../../../domain/dates.js';
import { batchChangeOpen } from '../../../domain/departure.js';
import { pickupQrText } from '../../../domain/pickup-qr.js';
import { recordAudit } from '../../audit.js';
import { schoolTime } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { type DayChild, loadDayChildren, notifyDayChange, refusalError } from '../../daily/child-days.js';
import { assertDayOpen, loadServiceDay, type ServiceDaySetting } from '../../daily/service-day.js';
import { AppError, isUniqueViolation } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { loadSchool } from '../plans/plan-setting.js';
import { dayDetails, today } from './departure-day.js';
import type { CodeOwner, PickupCodeKey } from './pickup-code-key.js';
import type { PickupCodeView } from './schemas.js';

// C 2 弹性离校: today's batch may change until 30 minutes before the earlier of the two batches, so
// the teacher's line-up for the first of them is settled before children are brought to the gate.
// Not in the seeds or the region policy; one value for every school until a region asks otherwise.
export const BATCH_CHANGE_CUTOFF_MINUTES = 30;

// The code is shown while the child is expected or in care; not for a day on leave, absent or gone.
const CODE_STATUSES: readonly ChildDayStatus[] = ['expected', 'present', 'called', 'in_custody'];
const CHANGEABLE: readonly ChildDayStatus[] = ['expected', 'present'];

// Today's code of the child, made on first read: a random nonce from which the six digits are derived
// with the server secret, stored with the code's hash (issue 13.8: never the code), unique within the
// school and day (the database's key on the hash). `on conflict do nothing` covers both keys: the child
// already has a code (another read got there first: read it) or the digits are taken (draw again).
// With the code: the guardians who have seen it today (`recordCodeView`).
export async function ensurePickupCode(
  db: Db,
  codes: PickupCodeKey,
  owner: CodeOwner,
): Promise<{ code: string; viewedBy: readonly string[] }> {
  const row = and(
    eq(pickupCodes.schoolId, owner.schoolId),
    eq(pickupCodes.serviceDate, owner.date),
    eq(pickupCodes.studentId, owner.studentId),
  );
  for (let attempt = 0; attempt < 20; attempt++) {
    const [existing] = await db
      .select({ nonce: pickupCodes.nonce, codeHash: pickupCodes.codeHash, viewedBy: pickupCodes.viewedBy })
      .from(pickupCodes)
      .where(row);
    const fresh = codes.issue(owner);
    if (existing) {
      const code = codes.derives(owner, existing);
      if (code !== null) return { code, viewedBy: existing.viewedBy };
      // Made under another secret (a restore from another deployment, a new KEHOU_SECRET): the code
      // the guardian saw cannot be derived any more, so the row gets a new one and keeps its wrong
      // tries and lock.
      try {
        const [moved] = await db
          .update(pickupCodes)
          .set({ nonce: fresh.nonce, codeHash: fresh.codeHash })
          .where(and(row, eq(pickupCodes.nonce, existing.nonce)))
          .returning({ nonce: pickupCodes.nonce });
        if (moved) return { code: fresh.code, viewedBy: existing.viewedBy };
      } catch (error) {
        if (!isUniqueViolation(error, 'pickup_codes_code_hash_key')) throw error;
      }
      continue;
    }
    const [made] = await db
      .insert(pickupCodes)
      .values({
        schoolId: owner.schoolId,
        serviceDate: owner.date,
        studentId: owner.studentId,
        codeHash: fresh.codeHash,
        nonce: fresh.nonce,
      })
      .onConflictDoNothing()
      .returning({ nonce: pickupCodes.nonce });
    if (made) return { code: fresh.code, viewedBy: [] };
  }
  throw new Error('no free pickup code after 20 draws');
}

// Issue 13.9: who saw a child's pickup code. One audit row per guardian, child and day is enough —
// the page asks again every few seconds while it is open, and a row per poll would bury the log —
// so the first view of the day adds the guardian to `viewed_by` and writes the row in the same
// transaction; a second process doing the same at once finds the guardian there and writes nothing.
async function recordCodeView(
  ctx: ActorContext,
  setting: ServiceDaySetting,
  studentId: string,
): Promise<void> {
  const userId = ctx.actor.userId;
  await ctx.db.transaction(async (tx) => {
    const [marked] = await tx
      .update(pickupCodes)
      .set({ viewedBy: sql`array_append(${pickupCodes.viewedBy}, ${userId}::uuid)` })
      .where(
        and(
          eq(pickupCodes.schoolId, setting.school.schoolId),
          eq(pickupCodes.serviceDate, setting.date),
          eq(pickupCodes.studentId, studentId),
          sql`not (${userId}::uuid = any(${pickupCodes.viewedBy}))`,
        ),
      )
      .returning({ studentId: pickupCodes.studentId });
    if (!marked) return;
    await recordAudit(tx, ctx.meta, {
      actorUserId: userId,
      action: 'pickup.code_view',
      objectType: 'student',
      objectId: studentId,
      schoolId: setting.school.schoolId,
      regionId: setting.school.regionId,
      at: ctx.clock.now(),
      details: { date: setting.date },
    });
  });
}

function batchOptions(setting: ServiceDaySetting, child: DayChild, nowMinutes: number) {
  const current = child.batch;
  const changeable = CHANGEABLE.includes(child.status);
  const options = setting.batches.map((b) => ({
    ...b,
    open:
      changeable &&
      current !== null &&
      b.name !== current.name &&
      batchChangeOpen({
        nowMinutes,
        fromTime: current.time,
        toTime: b.time,
        cutoffMinutes: BATCH_CHANGE_CUTOFF_MINUTES,
      }),
  }));
  const limits = current
    ? setting.batches
        .filter((b) => b.name !== current.name)
        .map((b) => Math.min(parseTime(b.time), parseTime(current.time)) - BATCH_CHANGE_CUTOFF_MINUTES)
    : [];
  const until = changeable && limits.length > 0 ? formatTime(Math.max(...limits)) : null;
  return { options, open: options.some((o) => o.open), until };
}

async function loadGuardianChild(
  ctx: ActorContext,
  schoolId: string,
  studentId: string,
  action: 'pickup.code.read' | 'pickup.batch.change',
) {
  const school = await loadSchool(ctx.db, schoolId);
  authorize(ctx.actor, action, { regionPath: school.regionPath, schoolId, studentId });
  return school;
}

export async function getPickupCode(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; date?: string | undefined },
  codes: PickupCodeKey,
): Promise<PickupCodeView> {
  const school = await loadGuardianChild(ctx, options.schoolId, options.studentId, 'pickup.code.read');
  const date = today(ctx);
  if (options.date !== undefined && options.date !== date) {
    throw new AppError('VALIDATION_FAILED', {
      zh: `接送码只在当天显示（今天是 ${date}）`,
      en: `The pickup code is shown on its own day only (today is ${date})`,
      details: { fields: [{ path: 'querystring.date', message: date }], today: date },
    });
  }
  const setting = await loadServiceDay(ctx.db, school, date);
  const [child] = await loadDayChildren(ctx.db, setting, { studentIds: [options.studentId] });
  const schoolView = { id: school.schoolId, code: school.code, name: school.name };
  if (!child) {
    const [row] = await ctx.db
      .select({ name: students.name, grade: classes.grade, className: classes.name })
      .from(students)
      .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
      .where(and(eq(students.schoolId, school.schoolId), eq(students.studentId, options.studentId)));
    if (!row) throw new AppError('NOT_FOUND');
    return {
      date,
      school: schoolView,
      child: { studentId: options.studentId, ...row },
      attending: false,
      status: null,
      code: null,
      qr: null,
      batch: null,
      batches: setting.batches.map((b) => ({ ...b, open: false })),
      batchChangeOpen: false,
      batchChangeUntil: null,
      cutoffMinutes: BATCH_CHANGE_CUTOFF_MINUTES,
      calledAt: null,
      release: null,
      custody: null,
      pickupPersons: [],
    };
  }
  let code: string | null = null;
  if (CODE_STATUSES.includes(child.status)) {
    const shown = await ensurePickupCode(ctx.db, codes, {
      schoolId: school.schoolId,
      date,
      studentId: child.studentId,
    });
    code = shown.code;
    if (!shown.viewedBy.includes(ctx.actor.userId)) await recordCodeView(ctx, setting, child.studentId);
  }
  const details = (await dayDetails(ctx.db, school.schoolId, [child])).get(child.studentId);
  const persons = await ctx.db
    .select({ id: pickupPersons.personId, name: pickupPersons.name, relation: pickupPersons.relation })
    .from(pickupPersons)
    .where(and(eq(pickupPersons.schoolId, school.schoolId), eq(pickupPersons.studentId, child.studentId)));
  const live = new Set(child.facts.pickupPersonIds);
  const batches = batchOptions(setting, child, parseTime(schoolTime(ctx.clock.now())));
  return {
    date,
    school: schoolView,
    child: { studentId: child.studentId, name: child.name, grade: child.grade, className: child.className },
    attending: true,
    status: child.status,
    code,
    qr: code ? pickupQrText(school.code, date, code) : null,
    batch: child.batch,
    batches: batches.options,
    batchChangeOpen: batches.open,
    batchChangeUntil: batches.until,
    cutoffMinutes: BATCH_CHANGE_CUTOFF_MINUTES,
    calledAt: details?.calledAt ?? null,
    release: details?.release ?? null,
    custody: details?.custody ?? null,
    pickupPersons: persons.filter((p) => live.has(p.id)),
  };
}

// C 2: the guardian moves today's batch. Refused after the cut-off (BATCH_CHANGE_CLOSED), for a batch
// that does not run today, and once the child is called, in custody, gone or not attending.
export async function changeBatch(
  ctx: ActorContext,
  options: { schoolId: string; studentId: string; date?: string | undefined; batch: string },
  codes: PickupCodeKey,
): Promise<PickupCodeView> {
  const school = await loadGuardianChild(ctx, options.schoolId, options.studentId, 'pickup.batch.change');
  const date = today(ctx);
  if (options.date !== undefined && options.date !== date) {
    throw new AppError('VALIDATION_FAILED', {
      zh: `只能更改今天（${date}）的离校批次`,
      en: `Only today’s (${date}) batch can be changed`,
      details: { fields: [{ path: 'querystring.date', message: date }], today: date },
    });
  }
  const setting = await loadServiceDay(ctx.db, school, date);
  const wanted = setting.batches.find((b) => b.name === options.batch);
  if (!wanted) {
    const names = setting.batches.map((b) => `${b.name} ${b.time}`).join('、');
    throw new AppError('VALIDATION_FAILED', {
      zh: `今天没有“${options.batch}”这个离校批次（今天的批次：${names}）`,
      en: `There is no batch “${options.batch}” today (today’s batches: ${names})`,
      details: { fields: [{ path: 'body.batch', message: names }] },
    });
  }
  await ctx.db.transaction(async (tx) => {
    await assertDayOpen(tx, school.schoolId, date);
    const [child] = await loadDayChildren(tx, setting, { studentIds: [options.studentId] });
    if (!child) {
      throw new AppError('NOT_FOUND', {
        zh: '孩子今天不在课后服务名单中',
        en: 'The child is not in the service today',
      });
    }
    if (!CHANGEABLE.includes(child.status)) {
      throw refusalError(
        child.status === 'released'
          ? 'already_released'
          : child.status === 'called'
            ? 'already_called'
            : child.status === 'in_custody'
              ? 'in_custody'
              : 'not_present',
      );
    }
    if (child.batch?.name === wanted.name) return;
    const nowMinutes = parseTime(schoolTime(ctx.clock.now()));
    const from = child.batch ?? wanted;
    if (
      !batchChangeOpen({
        nowMinutes,
        fromTime: from.time,
        toTime: wanted.time,
        cutoffMinutes: BATCH_CHANGE_CUTOFF_MINUTES,
      })
    ) {
      const until = formatTime(
        Math.min(parseTime(from.time), parseTime(wanted.time)) - BATCH_CHANGE_CUTOFF_MINUTES,
      );
      throw new AppError('BATCH_CHANGE_CLOSED', {
        zh: `今天更改离校批次的截止时间是 ${until}（较早批次前 ${BATCH_CHANGE_CUTOFF_MINUTES} 分钟），已过`,
        en: `Today’s batch could be changed until ${until} (${BATCH_CHANGE_CUTOFF_MINUTES} minutes before the earlier batch)`,
        details: { until, clause: 'C 2' },
      });
    }
    await tx
      .insert(batchChoices)
      .values({
        schoolId: school.schoolId,
        serviceDate: date,
        studentId: child.studentId,
        batch: wanted.name,
        changedBy: ctx.actor.userId,
        changedAt: ctx.clock.now(),
      })
      .onConflictDoUpdate({
        target: [batchChoices.schoolId, batchChoices.serviceDate, batchChoices.studentId],
        set: { batch: wanted.name, changedBy: ctx.actor.userId, changedAt: ctx.clock.now() },
      });
    await notifyDayChange(tx, {
      schoolId: school.schoolId,
      date,
      studentIds: [child.studentId],
      kind: 'batch',
    });
  });
  return getPickupCode(ctx, { schoolId: options.schoolId, studentId: options.studentId }, codes);
}
