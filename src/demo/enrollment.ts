// Demo applications and enrollments (F-06) for `npm run demo`, at 东湖区实验小学 (9901020001, the school
// with an approved plan and notice v1): applications in every state through the same use cases as the
// API — guardians apply online (consent with the notice version), the school records three paper
// forms with a scan, approves most (enrollments from the next service day), waitlists some with a
// reason, and a few guardians withdraw. The demo guardian's grade-1 child has no application, so a
// walkthrough can apply. Idempotent: a school and term that already have applications are left alone.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import {
  applications,
  classes,
  guardianships,
  plans,
  schools,
  students,
  terms,
  users,
} from '../db/schema.js';
import type { ApplicationInput, PickupPersonInput } from '../domain/enrollment.js';
import { type Clock, schoolInstant } from '../server/clock.js';
import type { ActorContext } from '../server/context.js';
import { approveApplications } from '../server/features/applications/approve-applications.js';
import { recordPaperApplication } from '../server/features/applications/record-paper-application.js';
import { submitApplication } from '../server/features/applications/submit-application.js';
import { waitlistApplications } from '../server/features/applications/waitlist-applications.js';
import { withdrawApplication } from '../server/features/applications/withdraw-application.js';
import { loadActor } from '../server/features/auth/actor.js';
import { latestNotice } from '../server/features/plans/plan-setting.js';
import { CONTENT_TYPES } from '../server/uploads.js';
import { prng } from './random.js';

export const DEMO_ENROLLMENT_SCHOOL = '9901020001';

const WAITLIST_REASONS = [
  '周四看护教师暂时不足，增配后按报名先后录取',
  '第二批离校时段场地容量已满，待调整后安排',
];
const CUSTODY_REASONS = [
  '父母均在医院值夜班，18:00 后才能接',
  '家长在外地工作，祖父母 18:00 后方能到校',
  '单亲家庭，家长下班较晚',
];
const GRANDPARENTS = [
  { relation: '爷爷', given: '建国' },
  { relation: '奶奶', given: '秀英' },
  { relation: '外公', given: '德胜' },
  { relation: '外婆', given: '玉兰' },
];

// A one-page PDF: the “scan” of a paper form.
export function demoScanPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export async function seedDemoEnrollment(
  database: Database,
  options: { today: Date; log?: (line: string) => void },
): Promise<void> {
  const log = options.log ?? (() => {});
  const { db } = database;
  const [school] = await db.select().from(schools).where(eq(schools.code, DEMO_ENROLLMENT_SCHOOL));
  if (!school) return;
  const [plan] = await db
    .select()
    .from(plans)
    .where(and(eq(plans.schoolId, school.schoolId), eq(plans.status, 'approved')))
    .limit(1);
  if (!plan) return;
  const notice = await latestNotice(db, school.schoolId, plan.planId);
  if (!notice) return;
  const existing = await db
    .select({ id: applications.applicationId })
    .from(applications)
    .where(and(eq(applications.schoolId, school.schoolId), eq(applications.termId, plan.termId)))
    .limit(1);
  if (existing.length > 0) return;

  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const adminId = await userId('school.admin');
  const demoGuardianId = await userId('guardian');
  if (!adminId) return;

  // The children of the grades the notice serves (B 一: 1–2年级 in the pilot), each with a guardian.
  const kids = await db
    .select({
      studentId: students.studentId,
      name: students.name,
      grade: classes.grade,
      guardianUserId: guardianships.userId,
      relation: guardianships.relation,
      guardianName: users.displayName,
      guardianPhone: users.phone,
    })
    .from(students)
    .innerJoin(classes, and(eq(classes.schoolId, students.schoolId), eq(classes.classId, students.classId)))
    .innerJoin(
      guardianships,
      and(eq(guardianships.schoolId, students.schoolId), eq(guardianships.studentId, students.studentId)),
    )
    .innerJoin(users, eq(users.id, guardianships.userId))
    .where(and(eq(students.schoolId, school.schoolId), inArray(classes.grade, notice.content.grades)))
    .orderBy(asc(classes.grade), asc(classes.name), asc(students.studentNo), asc(users.phone));
  // One guardian per child (the imported one, not the demo account); the demo guardian's grade-1
  // child is left without an application (to apply in a walk-through), the grade-2 one applies.
  const demoChildren = new Set(
    kids.filter((k) => k.guardianUserId === demoGuardianId && k.grade === 1).map((k) => k.studentId),
  );
  // The demo guardian's enrolled child attends every service weekday, so that the README's
  // walk-through (the pickup code, the release at the gate) works on whichever day the demo runs.
  const everyDay = new Set(kids.filter((k) => k.guardianUserId === demoGuardianId).map((k) => k.studentId));
  const seen = new Set<string>();
  const children = kids.filter((k) => {
    if (demoChildren.has(k.studentId) || seen.has(k.studentId) || k.guardianUserId === demoGuardianId)
      return false;
    seen.add(k.studentId);
    return true;
  });

  const random = prng(20_260_906);
  // Guardians apply and the school reviews before service starts (B 六(五) 统一启动时间), so that the
  // children are enrolled on every service day the demo clock can show (issue 5); a demo started
  // before the term anchors on today.
  const [termRow] = await db.select().from(terms).where(eq(terms.termId, plan.termId));
  const startsAt = schoolInstant(termRow?.unifiedStartDate ?? termRow?.firstDay ?? '2000-01-01', '08:00');
  const anchor = Math.min(options.today.getTime(), startsAt.getTime() - 3 * 86_400_000);
  let now = new Date(anchor - 12 * 86_400_000);
  const clock: Clock = { now: () => now };
  const meta = { ip: null, userAgent: 'kehou demo' };
  const contextOf = async (id: string): Promise<ActorContext> => ({
    db,
    database,
    clock,
    accountClock: clock,
    meta,
    actor: (await loadActor(db, id)).actor,
  });
  const admin = await contextOf(adminId);

  const batches = notice.content.departureBatches.filter((b) => !b.seasons || b.seasons.includes('other'));
  const served = notice.content.weekdays;
  let phoneSeq = 0;
  const choices = (child: (typeof children)[number], index: number): ApplicationInput => {
    // The same draws for every child, so the other children's choices do not depend on this one's.
    const drawn = random() < 0.6 ? [...served] : served.filter(() => random() < 0.7);
    const weekdays = everyDay.has(child.studentId) ? [...served] : drawn;
    const extended = index % 11 === 3;
    const persons: PickupPersonInput[] = [];
    if (child.guardianPhone) {
      persons.push({ name: child.guardianName, relation: child.relation, phone: child.guardianPhone });
    }
    if (random() < 0.6) {
      const g = GRANDPARENTS[Math.floor(random() * GRANDPARENTS.length)] ?? GRANDPARENTS[0];
      persons.push({
        name: `${child.name.slice(0, 1)}${g?.given ?? '建国'}`,
        relation: g?.relation ?? '爷爷',
        phone: `136${String(20_000_000 + ++phoneSeq).padStart(8, '0')}`,
      });
    }
    return {
      weekdays: weekdays.length > 0 ? weekdays : [...served],
      departureBatch: (batches[random() < 0.55 ? 0 : batches.length - 1] ?? batches[0])?.name ?? '',
      extendedCustody: extended,
      extendedCustodyReason: extended ? (CUSTODY_REASONS[index % CUSTODY_REASONS.length] ?? null) : null,
      // C 2: a statement a guardian makes for an older child; the pilot's grades 1–2 never leave alone.
      mayLeaveAlone: child.grade >= 4 && random() < 0.3,
      pickupPersons: persons,
    };
  };

  // The last few children have no application; three come on paper; the rest apply online.
  const withoutApplication = 8;
  const paper = children.slice(-(withoutApplication + 3), -withoutApplication);
  const online = children.slice(0, -(withoutApplication + 3));
  const ids: string[] = [];
  const step = (12 * 86_400_000) / Math.max(1, online.length + paper.length);
  for (const [index, child] of online.entries()) {
    now = new Date(now.getTime() + step);
    const ctx = await contextOf(child.guardianUserId);
    const row = await submitApplication(ctx, {
      schoolId: school.schoolId,
      studentId: child.studentId,
      termId: plan.termId,
      noticeVersion: notice.version,
      consent: true,
      ...choices(child, index),
    });
    ids.push(row.applicationId);
  }
  const paperIds: string[] = [];
  for (const [index, child] of paper.entries()) {
    now = new Date(now.getTime() + step);
    const formDate = new Date(now.getTime() - 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Asia/Shanghai',
    });
    const row = await recordPaperApplication(admin, {
      schoolId: school.schoolId,
      studentId: child.studentId,
      termId: plan.termId,
      noticeVersion: notice.version,
      guardianName: child.guardianName,
      formDate,
      scan: {
        fileName: `纸质申请-${child.name}.pdf`,
        kind: 'pdf',
        contentType: CONTENT_TYPES.pdf,
        bytes: demoScanPdf(`Paper application ${index + 1}, signed ${formDate}`),
        fields: {},
      },
      ...choices(child, online.length + index),
    });
    paperIds.push(row.applicationId);
  }

  // The school's review, two days ago: most approved, ten waitlisted, twenty still to review (the
  // latest), one paper form among them.
  now = new Date(anchor - 2 * 86_400_000);
  const toReview = ids.slice(-20);
  const waitlisted = ids.slice(-30, -20);
  const approved = [...ids.slice(0, -30), ...paperIds.slice(0, 2)];
  await approveApplications(admin, { schoolId: school.schoolId, applicationIds: approved });
  const half = Math.ceil(waitlisted.length / 2);
  await waitlistApplications(admin, {
    schoolId: school.schoolId,
    applicationIds: waitlisted.slice(0, half),
    reason: WAITLIST_REASONS[0] as string,
  });
  await waitlistApplications(admin, {
    schoolId: school.schoolId,
    applicationIds: waitlisted.slice(half),
    reason: WAITLIST_REASONS[1] as string,
  });

  // B 四(一) 自愿参加: five guardians withdraw yesterday — four enrolled children, one waiting.
  now = new Date(options.today.getTime() - 86_400_000);
  const withdrawing = [...approved.slice(5, 9), toReview[0] as string];
  for (const applicationId of withdrawing) {
    const [row] = await db
      .select({ studentId: applications.studentId })
      .from(applications)
      .where(and(eq(applications.schoolId, school.schoolId), eq(applications.applicationId, applicationId)));
    const child = children.find((c) => c.studentId === row?.studentId);
    if (!child) continue;
    await withdrawApplication(await contextOf(child.guardianUserId), {
      schoolId: school.schoolId,
      applicationId,
    });
  }
  log(
    `报名 ${ids.length + paperIds.length} 份（含纸质 ${paperIds.length} 份）：录取 ${approved.length - 4}，待审 ${toReview.length - 1 + paperIds.length - 2}，候补 ${waitlisted.length}，退出 ${withdrawing.length} / applications in every state`,
  );
}
