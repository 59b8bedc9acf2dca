// F-27: one-time sign-in codes for accounts an import made without a password. The school admin
// issues them for the whole school, a class or chosen children (or for imported staff); each code is
// shown once for the print page and sent to its owner through the notification adapter. Only a hash
// is stored; issuing again revokes the person's older unused codes.
import { createHash, randomInt } from 'node:crypto';
import { and, asc, eq, inArray, isNotNull, isNull, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import {
  classes,
  guardianships,
  loginCodes,
  schoolMemberships,
  students,
  users,
} from '../../../db/schema.js';
import { formatLoginCode, LOGIN_CODE_DIGITS, loginCodeExpiry } from '../../../domain/login-code.js';
import { maskPhone } from '../../../domain/phone.js';
import { recordAudit } from '../../audit.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { inAppNotifier, type Message, type Notifier } from '../../notifications.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { signInCodesOnly } from './code-kinds.js';
import type { IssueCodesBody, IssueCodesResponse } from './schemas.js';

export function hashLoginCode(userId: string, code: string): string {
  // Salted with the account so equal codes of two people do not share a hash.
  return createHash('sha256').update(`${userId}:${code}`).digest('hex');
}

export function newLoginCode(): string {
  return String(randomInt(0, 10 ** LOGIN_CODE_DIGITS)).padStart(LOGIN_CODE_DIGITS, '0');
}

type Line = IssueCodesResponse['items'][number] & { userId: string };

async function guardianLines(db: Db, schoolId: string, body: IssueCodesBody): Promise<Line[]> {
  const conditions: SQL[] = [
    eq(guardianships.schoolId, schoolId),
    isNull(users.passwordHash),
    isNull(users.disabledAt),
  ];
  if (body.scope === 'class') conditions.push(eq(students.classId, body.classId));
  if (body.scope === 'students') conditions.push(inArray(students.studentId, body.studentIds));
  const rows = await db
    .select({
      userId: users.id,
      name: users.displayName,
      phone: users.phone,
      relation: guardianships.relation,
      studentId: students.studentId,
      studentName: students.name,
      studentNo: students.studentNo,
      grade: classes.grade,
      className: classes.name,
    })
    .from(guardianships)
    .innerJoin(
      students,
      and(eq(students.schoolId, guardianships.schoolId), eq(students.studentId, guardianships.studentId)),
    )
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .innerJoin(users, eq(users.id, guardianships.userId))
    // Only guardians the school still counts as such.
    .innerJoin(
      schoolMemberships,
      and(
        eq(schoolMemberships.schoolId, guardianships.schoolId),
        eq(schoolMemberships.userId, guardianships.userId),
        eq(schoolMemberships.role, 'guardian'),
        isNull(schoolMemberships.revokedAt),
      ),
    )
    .where(and(...conditions))
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNo), asc(users.phone));
  return rows.map((r) => ({
    userId: r.userId,
    grade: r.grade,
    className: r.className,
    studentName: r.studentName,
    studentNo: r.studentNo,
    name: r.name,
    relation: r.relation,
    maskedPhone: maskPhone(r.phone) ?? '',
    code: '',
  }));
}

async function staffLines(db: Db, schoolId: string): Promise<Line[]> {
  const rows = await db
    .selectDistinct({ userId: users.id, name: users.displayName, phone: users.phone })
    .from(schoolMemberships)
    .innerJoin(users, eq(users.id, schoolMemberships.userId))
    .where(
      and(
        eq(schoolMemberships.schoolId, schoolId),
        ne(schoolMemberships.role, 'guardian'),
        isNull(schoolMemberships.revokedAt),
        isNull(users.passwordHash),
        isNull(users.disabledAt),
        isNotNull(users.phone),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));
  return rows.map((r) => ({
    userId: r.userId,
    grade: null,
    className: null,
    studentName: null,
    studentNo: null,
    name: r.name,
    relation: null,
    maskedPhone: maskPhone(r.phone) ?? '',
    code: '',
  }));
}

export async function issueCodes(
  ctx: ActorContext & { notifier?: Notifier },
  input: { schoolId: string; body: IssueCodesBody },
): Promise<IssueCodesResponse> {
  const scope = await loadSchoolScope(ctx.db, input.schoolId);
  const target = { regionPath: scope.regionPath, schoolId: input.schoolId };
  authorize(ctx.actor, input.body.scope === 'staff' ? 'staff.write' : 'guardian.code.issue', target);
  if (input.body.scope === 'class') {
    const { classId } = input.body;
    const [found] = await ctx.db
      .select({ classId: classes.classId })
      .from(classes)
      .where(and(eq(classes.schoolId, input.schoolId), eq(classes.classId, classId)));
    if (!found) throw new AppError('NOT_FOUND', { zh: '找不到该班级', en: 'No such class' });
  }
  if (input.body.scope === 'students') {
    const ids = [...new Set(input.body.studentIds)];
    const found = await ctx.db
      .select({ id: students.studentId })
      .from(students)
      .where(and(eq(students.schoolId, input.schoolId), inArray(students.studentId, ids)));
    if (found.length !== ids.length)
      throw new AppError('NOT_FOUND', { zh: '找不到该学生', en: 'No such student' });
  }
  const lines =
    input.body.scope === 'staff'
      ? await staffLines(ctx.db, input.schoolId)
      : await guardianLines(ctx.db, input.schoolId, input.body);

  const now = ctx.accountClock.now();
  const expiresAt = loginCodeExpiry(now);
  // One code per person, printed beside each of their children.
  const codeOf = new Map<string, string>();
  for (const l of lines) if (!codeOf.has(l.userId)) codeOf.set(l.userId, newLoginCode());
  const userIds = [...codeOf.keys()];
  const notifier = ctx.notifier ?? inAppNotifier;

  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < userIds.length; i += 2_000) {
      const batch = userIds.slice(i, i + 2_000);
      await tx
        .update(loginCodes)
        .set({ revokedAt: now })
        .where(
          and(
            inArray(loginCodes.userId, batch),
            signInCodesOnly,
            isNull(loginCodes.usedAt),
            isNull(loginCodes.revokedAt),
          ),
        );
      await tx.insert(loginCodes).values(
        batch.map((userId) => ({
          userId,
          codeHash: hashLoginCode(userId, codeOf.get(userId) as string),
          schoolId: input.schoolId,
          issuedBy: ctx.actor.userId,
          issuedAt: now,
          expiresAt,
        })),
      );
    }
    const expiry = expiresAt.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const messages: Message[] = userIds.map((userId) => {
      const code = formatLoginCode(codeOf.get(userId) as string);
      return {
        schoolId: input.schoolId,
        userId,
        kind: 'login_code',
        title: { zh: '课后服务首次登录验证码', en: 'Your first sign-in code for after-school care' },
        body: {
          zh: `您的首次登录验证码是 ${code}，${expiry} 前有效，仅能使用一次。请在登录页选择“验证码登录”，用手机号和验证码登录后设置密码。`,
          en: `Your one-time sign-in code is ${code}, valid until ${expiry}. On the login page choose "Sign in with a code", then set a password.`,
        },
        data: { expiresAt: expiresAt.toISOString() },
        // Sent at the request's time (the code's expiry above follows the account clock).
        at: ctx.clock.now(),
      };
    });
    for (let i = 0; i < messages.length; i += 2_000) await notifier.send(tx, messages.slice(i, i + 2_000));
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'login_code.issue',
      objectType: 'school',
      objectId: input.schoolId,
      schoolId: input.schoolId,
      regionId: scope.regionId,
      at: now,
      // Never the codes themselves.
      details: { scope: input.body.scope, people: userIds.length },
    });
  });

  return {
    issued: userIds.length,
    expiresAt: expiresAt.toISOString(),
    items: lines.map(({ userId, ...line }) => ({
      ...line,
      code: formatLoginCode(codeOf.get(userId) as string),
    })),
  };
}
