// Demo data for `npm run demo`: one city with two counties, three primary schools, 1,200 students
// of grades 1–6 with guardians, and staff of every role. Generated relative to today's date (the
// school year in progress), deterministic, and idempotent: a second run finds it and adds nothing.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import {
  classes,
  guardianships,
  notices,
  planEvents,
  plans,
  policyVersions,
  regionMemberships,
  regions,
  schoolMemberships,
  schools,
  students,
  terms,
  users,
} from '../db/schema.js';
import { defaultPolicy } from '../domain/policy.js';
import { schoolDate, schoolInstant } from '../server/clock.js';
import { hashPassword } from '../server/features/auth/passwords.js';
import type { Role } from '../server/policies/policy.js';
import { seedDemoEnrollment } from './enrollment.js';
import { seedDemoGrouping } from './grouping.js';
import { demoPlan, demoTerm } from './plans.js';
import { prng } from './random.js';
import { demoStaffId, seedDemoStaff } from './staff.js';

export const DEMO_PASSWORD = 'Kehou-Demo-2026';
export const DEMO_CITY_CODE = '990100';

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  scope: string;
}

export interface DemoSummary {
  created: boolean;
  schoolYear: string;
  term: string;
  students: number;
  accounts: DemoAccount[];
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN =
  '子梓浩宇欣怡一诺雨涵思睿博文若汐俊熙嘉琪梓萱沐宸可馨皓轩语桐明哲书瑶天佑诗涵晨曦安然亦辰紫琳雅静乐瑶';
const ADULT_GIVEN = '建国丽华志强秀英海燕伟明春梅晓东红霞立新丽娟国庆玉兰永刚美玲文军淑芬德胜小红';

function pick(random: () => number, chars: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += chars[Math.floor(random() * chars.length)] ?? '';
  return out;
}

// The school year starts in September (秋季学期); the first term runs to January, the second
// from February to July.
export function currentTerm(today: Date): {
  schoolYearStart: number;
  first: boolean;
  label: string;
  term: string;
} {
  const [y, m] = schoolDate(today).split('-').map(Number) as [number, number];
  const start = m >= 8 ? y : y - 1;
  const first = m >= 8 || m === 1;
  return {
    schoolYearStart: start,
    first,
    label: `${start}–${start + 1}学年`,
    term: `${start}–${start + 1}学年${first ? '第一学期' : '第二学期'}`,
  };
}

const DEMO_SCHOOLS = [
  {
    county: 0,
    code: '9901020001',
    name: '东湖区实验小学',
    classesPerGrade: 3,
    perClass: 28,
    address: '示范市东湖区湖滨路 18 号',
    phone: '0990-5551001',
  },
  {
    county: 0,
    code: '9901020002',
    name: '东湖区第二小学',
    classesPerGrade: 2,
    perClass: 33,
    address: '示范市东湖区文昌街 6 号',
    phone: '0990-5551002',
  },
  {
    county: 1,
    code: '9901030001',
    name: '西山县城关小学',
    classesPerGrade: 2,
    perClass: 34,
    address: '示范市西山县城关镇学府路 2 号',
    phone: '0990-5552001',
  },
] as const;
// 3×6×28 + 2×6×33 + 2×6×34 = 504 + 396 + 408 = 1,308; trimmed to exactly 1,200 below.
const TOTAL_STUDENTS = 1200;

export async function seedDemo(
  database: Database,
  options: { today: Date; log?: (line: string) => void },
): Promise<DemoSummary> {
  const log = options.log ?? (() => {});
  const { db } = database;
  const term = currentTerm(options.today);
  const accounts = demoAccounts();
  const existing = await db.select({ id: regions.id }).from(regions).where(eq(regions.code, DEMO_CITY_CODE));
  if (existing.length > 0) {
    log('演示数据已存在，跳过 / demo data already present');
    // Data of later features is added to a demo made before them.
    await seedDemoPlans(database, { today: options.today, log });
    await seedDemoEnrollment(database, { today: options.today, log });
    await seedDemoStaff(database, { today: options.today, log });
    await seedDemoGrouping(database, { today: options.today, log });
    return { created: false, schoolYear: term.label, term: term.term, students: TOTAL_STUDENTS, accounts };
  }
  log('正在生成演示数据 / generating demo data…');
  const random = prng(20_241_001);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    const cityId = crypto.randomUUID();
    const countyIds = [crypto.randomUUID(), crypto.randomUUID()] as const;
    await tx.insert(regions).values([
      { id: cityId, parentId: null, level: 'city', code: DEMO_CITY_CODE, name: '示范市', path: cityId },
      {
        id: countyIds[0],
        parentId: cityId,
        level: 'county',
        code: '990102',
        name: '东湖区',
        path: `${cityId}/${countyIds[0]}`,
      },
      {
        id: countyIds[1],
        parentId: cityId,
        level: 'county',
        code: '990103',
        name: '西山县',
        path: `${cityId}/${countyIds[1]}`,
      },
    ]);

    const schoolIds: string[] = [];
    for (const s of DEMO_SCHOOLS) {
      const [row] = await tx
        .insert(schools)
        .values({
          regionId: countyIds[s.county],
          code: s.code,
          name: s.name,
          type: 'primary',
          grades: [1, 2, 3, 4, 5, 6],
          teacherCount: s.classesPerGrade * 6 * 2 + 4,
          studentCount: s.classesPerGrade * 6 * s.perClass + 40,
          address: s.address,
          phone: s.phone,
        })
        .returning({ id: schools.schoolId });
      if (!row) throw new Error('school insert returned nothing');
      schoolIds.push(row.id);
    }

    // Named demo accounts, one per role, all with the printed password.
    const named = new Map<string, string>();
    for (const account of accounts) {
      const [u] = await tx
        .insert(users)
        .values({ username: account.username, displayName: account.displayName, passwordHash })
        .returning({ id: users.id });
      if (!u) throw new Error('user insert returned nothing');
      named.set(account.username, u.id);
    }
    const id = (username: string) => named.get(username) as string;
    await tx.insert(regionMemberships).values([
      { userId: id('bureau'), regionId: cityId, role: 'bureau' },
      { userId: id('bureau.donghu'), regionId: countyIds[0], role: 'bureau' },
    ]);
    const school0 = schoolIds[0] as string;
    await tx.insert(schoolMemberships).values([
      { schoolId: school0, userId: id('school.admin'), role: 'school_admin' },
      { schoolId: school0, userId: id('teacher'), role: 'care_teacher' },
      { schoolId: school0, userId: id('duty.chief'), role: 'duty_chief' },
      { schoolId: school0, userId: id('gate.guard'), role: 'gate_guard' },
      { schoolId: school0, userId: id('guardian'), role: 'guardian' },
    ]);

    // Further staff at every school (no password: they would be given one by their admin).
    let phoneSeq = 0;
    for (const [index, schoolId] of schoolIds.entries()) {
      const staff: { role: Role; count: number }[] = [
        { role: 'school_admin', count: index === 0 ? 1 : 2 },
        { role: 'care_teacher', count: DEMO_SCHOOLS[index]?.classesPerGrade === 3 ? 8 : 6 },
        { role: 'duty_chief', count: 1 },
        { role: 'gate_guard', count: 2 },
      ];
      for (const { role, count } of staff) {
        for (let i = 0; i < count; i++) {
          const name = pick(random, SURNAMES, 1) + pick(random, ADULT_GIVEN, 2);
          const [u] = await tx
            .insert(users)
            .values({
              username: `s${index + 1}.${role.replace('_', '')}.${i + 1}`,
              displayName: name,
              phone: `137${String(9_000_000 + ++phoneSeq).padStart(8, '0')}`,
            })
            .returning({ id: users.id });
          if (!u) throw new Error('user insert returned nothing');
          await tx
            .insert(schoolMemberships)
            .values({ schoolId, userId: u.id, role: role as Exclude<Role, 'bureau'> });
        }
      }
    }

    // Classes and students: grade g entered school in September of (school year − g + 1).
    let made = 0;
    let guardianSeq = 0;
    let demoGuardianChildren = 0;
    for (const [index, spec] of DEMO_SCHOOLS.entries()) {
      const schoolId = schoolIds[index] as string;
      for (let grade = 1; grade <= 6; grade++) {
        const entryYear = term.schoolYearStart - grade + 1;
        for (let c = 1; c <= spec.classesPerGrade; c++) {
          const [klass] = await tx
            .insert(classes)
            .values({ schoolId, grade, name: `${grade}年级${c}班` })
            .returning({ classId: classes.classId });
          if (!klass) throw new Error('class insert returned nothing');
          const studentRows: (typeof students.$inferInsert)[] = [];
          for (let n = 1; n <= spec.perClass && made < TOTAL_STUDENTS; n++, made++) {
            const surname = pick(random, SURNAMES, 1);
            studentRows.push({
              schoolId,
              studentNo: `${entryYear}${String(index + 1).padStart(2, '0')}${c}${String(n).padStart(2, '0')}`,
              name: surname + pick(random, GIVEN, random() < 0.7 ? 2 : 1),
              gender: random() < 0.5 ? 'male' : 'female',
              classId: klass.classId,
            });
          }
          if (studentRows.length === 0) continue;
          const inserted = await tx
            .insert(students)
            .values(studentRows)
            .returning({ studentId: students.studentId, name: students.name });
          // One guardian per child, with a phone; the demo guardian also has the first children of
          // grades 1, 2 and 3 in class 1 of the first school (grade 1: no application yet, to apply in
          // a walk-through; grade 2: enrolled, for the daily pages; grade 3: not served by the pilot).
          const guardianRows = inserted.map((s) => ({
            displayName: `${s.name.slice(0, 1)}${pick(random, ADULT_GIVEN, 2)}`,
            phone: `139${String(10_000_000 + ++guardianSeq).padStart(8, '0')}`,
          }));
          const guardianUsers = await tx.insert(users).values(guardianRows).returning({ id: users.id });
          const links = inserted.map((s, i) => ({
            schoolId,
            studentId: s.studentId,
            userId: (guardianUsers[i] as { id: string }).id,
            relation: i % 3 === 0 ? '父亲' : '母亲',
          }));
          if (index === 0 && c === 1 && grade <= 3 && inserted[0]) {
            links.push({
              schoolId,
              studentId: inserted[0].studentId,
              userId: id('guardian'),
              relation: '母亲',
            });
            demoGuardianChildren++;
          }
          await tx.insert(guardianships).values(links);
          await tx
            .insert(schoolMemberships)
            .values(guardianUsers.map((u) => ({ schoolId, userId: u.id, role: 'guardian' as const })));
        }
      }
    }
    log(
      `${made} 名学生，${guardianSeq} 名家长 / students and guardians; demo guardian has ${demoGuardianChildren} children`,
    );
  });
  await seedDemoPlans(database, { today: options.today, log });
  await seedDemoEnrollment(database, { today: options.today, log });
  await seedDemoStaff(database, { today: options.today, log });
  await seedDemoGrouping(database, { today: options.today, log });
  return { created: true, schoolYear: term.label, term: term.term, students: TOTAL_STUDENTS, accounts };
}

// Policies, the current term and plans (issue 3); added once, also to a demo made before them.
async function seedDemoPlans(database: Database, options: { today: Date; log: (line: string) => void }) {
  const { db } = database;
  const [city] = await db.select().from(regions).where(eq(regions.code, DEMO_CITY_CODE));
  if (!city) return;
  const existingTerms = await db.select({ id: terms.termId }).from(terms).where(eq(terms.regionId, city.id));
  if (existingTerms.length > 0) return;
  const schoolYear = currentTerm(options.today);
  const term = demoTerm(schoolYear.schoolYearStart, schoolYear.first);
  const counties = await db.select().from(regions).where(eq(regions.parentId, city.id));
  const county = (code: string) => counties.find((c) => c.code === code) as typeof city;
  const userId = async (username: string) =>
    (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id ?? null;
  const cityBureau = await userId('bureau');
  const countyBureau = await userId('bureau.donghu');
  const admin = await userId('school.admin');
  const allSchools = await db.select().from(schools);
  // The school's own administrator submitted its plan.
  const schoolAdminOf = async (schoolId: string) =>
    (
      await db
        .select({ id: schoolMemberships.userId })
        .from(schoolMemberships)
        .where(and(eq(schoolMemberships.schoolId, schoolId), eq(schoolMemberships.role, 'school_admin')))
        .limit(1)
    )[0]?.id ?? null;
  const school = (code: string) => allSchools.find((s) => s.code === code) as (typeof allSchools)[number];
  // Plans are approved and published before service starts (B 六(五) 报审定 … 统一启动), so the demo's
  // applications and enrollments fit before the first service day too; a demo started before the
  // term anchors on today.
  const startsAt = schoolInstant(term.unifiedStartDate, '08:00');
  const now = new Date(Math.min(options.today.getTime(), startsAt.getTime() - 3 * 86_400_000));
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);

  await db.transaction(async (tx) => {
    const [termRow] = await tx
      .insert(terms)
      .values({ regionId: city.id, ...term })
      .returning({ termId: terms.termId });
    if (!termRow) throw new Error('term insert returned nothing');
    // 一县一策: 东湖区 follows the city's pilot (B), 西山县 the provincial 5+2 model (C).
    const versions = await tx
      .insert(policyVersions)
      .values([
        {
          regionId: county('990102').id,
          version: 1,
          effectiveFrom: `${schoolYear.schoolYearStart}-08-01`,
          policy: defaultPolicy('pilot-4'),
          note: '按市“课后服务”试点方案：1–2年级，每周四个下午',
          createdBy: countyBureau,
        },
        {
          regionId: county('990103').id,
          version: 1,
          effectiveFrom: `${schoolYear.schoolYearStart}-08-01`,
          policy: defaultPolicy('5+2'),
          note: '按省“5+2”模式：每周5天，每天不少于2课时',
          createdBy: cityBureau,
        },
      ])
      .returning({ versionId: policyVersions.versionId, regionId: policyVersions.regionId });
    const versionOf = (regionId: string) => versions.find((v) => v.regionId === regionId)?.versionId ?? null;

    const specs = [
      { code: '9901020001', model: 'pilot-4' as const, expected: 120, status: 'approved' as const },
      { code: '9901020002', model: 'pilot-4' as const, expected: 90, status: 'submitted' as const },
      { code: '9901030001', model: '5+2' as const, expected: 180, status: 'returned' as const },
    ];
    for (const spec of specs) {
      const s = school(spec.code);
      const content = demoPlan(spec.model, term, {
        principalPhone: s.phone ?? '0990-5550000',
        expected: spec.expected,
        staffId: (key) => demoStaffId(spec.code, key),
      });
      const [plan] = await tx
        .insert(plans)
        .values({
          schoolId: s.schoolId,
          termId: termRow.termId,
          status: spec.status,
          content,
          policyVersionId: versionOf(s.regionId),
          submittedAt: at(20),
          decidedAt: spec.status === 'submitted' ? null : at(15),
        })
        .returning({ planId: plans.planId });
      if (!plan) throw new Error('plan insert returned nothing');
      const events: (typeof planEvents.$inferInsert)[] = [
        {
          schoolId: s.schoolId,
          planId: plan.planId,
          action: 'submit',
          revision: 1,
          content,
          actorUserId: spec.code === '9901020001' ? admin : await schoolAdminOf(s.schoolId),
          at: at(20),
        },
      ];
      if (spec.status === 'approved') {
        events.push({
          schoolId: s.schoolId,
          planId: plan.planId,
          action: 'approve',
          comment: '方案符合要求，同意实施。',
          revision: 1,
          content,
          actorUserId: countyBureau,
          at: at(15),
        });
        await tx
          .insert(notices)
          .values({ schoolId: s.schoolId, planId: plan.planId, version: 1, content, publishedAt: at(15) });
      }
      if (spec.status === 'returned') {
        events.push({
          schoolId: s.schoolId,
          planId: plan.planId,
          action: 'return',
          comment: '请补充副校长的应急联系电话，并说明雨天体育活动的替代场地。',
          revision: 1,
          content,
          actorUserId: cityBureau,
          at: at(15),
        });
      }
      await tx.insert(planEvents).values(events);
    }
  });
  options.log(`${term.name}：方案已审批、已提交、已退回各一 / plans approved, submitted and returned`);
}

function demoAccounts(): DemoAccount[] {
  return [
    { username: 'bureau', role: 'bureau', displayName: '周局长', scope: '示范市教育局 / city bureau' },
    {
      username: 'bureau.donghu',
      role: 'bureau',
      displayName: '吴科长',
      scope: '东湖区教育局 / county bureau',
    },
    { username: 'school.admin', role: 'school_admin', displayName: '林校长', scope: '东湖区实验小学' },
    { username: 'teacher', role: 'care_teacher', displayName: '陈老师', scope: '东湖区实验小学' },
    { username: 'duty.chief', role: 'duty_chief', displayName: '黄主任', scope: '东湖区实验小学' },
    { username: 'gate.guard', role: 'gate_guard', displayName: '刘师傅', scope: '东湖区实验小学' },
    {
      username: 'guardian',
      role: 'guardian',
      displayName: '王女士',
      scope: '东湖区实验小学（三个孩子 / three children）',
    },
  ];
}

export function demoAccountsText(summary: DemoSummary): string {
  const width = Math.max(...summary.accounts.map((a) => a.username.length));
  const lines = summary.accounts.map(
    (a) => `  ${a.username.padEnd(width)}  ${a.role.padEnd(12)}  ${a.displayName}  ${a.scope}`,
  );
  return [
    '',
    `演示账号（密码均为 ${DEMO_PASSWORD}）/ demo accounts (password for all: ${DEMO_PASSWORD}) — ${summary.term}`,
    ...lines,
    '',
  ].join('\n');
}
