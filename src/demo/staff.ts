// Demo staff (F-09) and duty rota (F-10) for `npm run demo`: at each demo school the plan's teachers
// and managers as staff records (same ids as the plan's `staff[].id`), the leadership group of A 二
// (组长 the principal, 副组长, 组员 with the named duties), signed responsibility letters with a scan
// (A 三.1) — at 东湖区实验小学 one expired and one missing so the staff page shows both — and a duty
// chief (A 三.6 值日总护导) and the managers (B 五(三)) for every service weekday of the current term.
// Idempotent: a school that already has staff records is left as it is.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/connect.js';
import {
  dutyAssignments,
  plans,
  regions,
  responsibilityLetters,
  schools,
  staff,
  terms,
  users,
} from '../db/schema.js';
import type { TermPlan } from '../domain/plan.js';
import { LEADERSHIP_DUTIES, type LeadershipDutyKey } from '../domain/rota.js';
import { storeFile } from '../server/uploads.js';
import { demoTerm } from './plans.js';
import { currentTerm, DEMO_CITY_CODE } from './seed.js';

// A stable UUID for a demo plan's staff key ('t1', 'm1') at a school, so the plan made before the
// staff records names them by the records' ids.
export function demoStaffId(schoolCode: string, key: string): string {
  const h = createHash('sha1').update(`kehou-demo-staff:${schoolCode}:${key}`).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Letter = 'current' | 'expired' | 'missing';

interface DemoPerson {
  key: string;
  name: string;
  kind: 'teacher' | 'manager';
  username?: string;
  weekdays?: number[];
  position?: 'leader' | 'deputy' | 'member';
  duties?: LeadershipDutyKey[];
  letter?: Letter;
}

const duties = (keys: LeadershipDutyKey[]) => keys;
// A 二 1–3: what each position of the leadership group does.
const LEADER = duties(['first_responsible', 'rules_overall']);
const DEPUTY = duties(['assist_principal', 'publicity', 'ethics_education']);
const MEMBER_ORGANISE = duties([
  'service_targets',
  'grouping',
  'staffing',
  'safety_education',
  'health_care',
]);
const MEMBER_SAFETY = duties(['safety_work', 'safety_ledger', 'emergency_plan', 'facility_inspection']);

// Everyone beyond the plan's own teachers and managers; plan staff keys get a position here too.
const EXTRAS: Record<string, { people: DemoPerson[]; positions: Record<string, Partial<DemoPerson>> }> = {
  '9901020001': {
    people: [
      {
        key: 'principal',
        name: '林校长',
        kind: 'manager',
        username: 'school.admin',
        position: 'leader',
        duties: LEADER,
      },
      {
        key: 'deputy',
        name: '黄主任',
        kind: 'manager',
        username: 'duty.chief',
        position: 'deputy',
        duties: DEPUTY,
      },
      { key: 'x1', name: '赵主任', kind: 'manager', position: 'member', duties: MEMBER_SAFETY },
      { key: 'x2', name: '刘老师', kind: 'teacher', weekdays: [1, 2, 4] },
      { key: 'x3', name: '周老师', kind: 'teacher' },
      { key: 'x4', name: '吴老师', kind: 'teacher', letter: 'expired' },
      { key: 'x5', name: '郑老师', kind: 'teacher', letter: 'missing' },
      { key: 'x6', name: '孙老师', kind: 'teacher', weekdays: [2, 4, 5] },
      { key: 'x7', name: '何老师', kind: 'teacher' },
    ],
    positions: {
      t1: { username: 'teacher' },
      m1: { position: 'member', duties: MEMBER_ORGANISE },
    },
  },
  '9901020002': {
    people: [
      { key: 'principal', name: '高校长', kind: 'manager', position: 'leader', duties: LEADER },
      { key: 'deputy', name: '罗主任', kind: 'manager', position: 'deputy', duties: DEPUTY },
      { key: 'x1', name: '谢老师', kind: 'teacher' },
    ],
    positions: { m1: { position: 'member', duties: [...MEMBER_ORGANISE, ...MEMBER_SAFETY] } },
  },
  '9901030001': {
    people: [
      { key: 'principal', name: '郭校长', kind: 'manager', position: 'leader', duties: LEADER },
      { key: 'deputy', name: '梁主任', kind: 'manager', position: 'deputy', duties: DEPUTY },
      { key: 'x1', name: '宋老师', kind: 'teacher' },
    ],
    positions: {
      m1: { position: 'member', duties: MEMBER_ORGANISE },
      m2: { position: 'member', duties: MEMBER_SAFETY },
    },
  },
};

// A one-page PDF with a few ASCII lines (the scan of a signed letter, for the demo).
export function tinyPdf(lines: readonly string[]): Buffer {
  const pdfText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = lines
    .map((line, i) => `BT /F1 14 Tf 56 ${780 - i * 24} Td (${pdfText(line)}) Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export async function seedDemoStaff(
  database: Database,
  options: { today: Date; log?: (line: string) => void },
): Promise<void> {
  const log = options.log ?? (() => {});
  const { db } = database;
  const [city] = await db.select().from(regions).where(eq(regions.code, DEMO_CITY_CODE));
  if (!city) return;
  const schoolYear = currentTerm(options.today);
  const termSpec = demoTerm(schoolYear.schoolYearStart, schoolYear.first);
  const [term] = await db
    .select()
    .from(terms)
    .where(and(eq(terms.regionId, city.id), eq(terms.code, termSpec.code)));
  if (!term) return;
  const year = schoolYear.schoolYearStart;
  const letterDates: Record<Exclude<Letter, 'missing'>, { signedOn: string; validUntil: string }> = {
    current: { signedOn: `${year}-08-25`, validUntil: `${year + 1}-08-24` },
    expired: { signedOn: `${year - 1}-08-25`, validUntil: `${year}-08-24` },
  };
  let made = 0;
  let phoneSeq = 0;
  for (const [code, extras] of Object.entries(EXTRAS)) {
    phoneSeq += 100;
    const [school] = await db.select().from(schools).where(eq(schools.code, code));
    if (!school) continue;
    const existing = await db
      .select({ id: staff.staffId })
      .from(staff)
      .where(eq(staff.schoolId, school.schoolId))
      .limit(1);
    if (existing.length > 0) continue;
    const [plan] = await db
      .select({ content: plans.content })
      .from(plans)
      .where(and(eq(plans.schoolId, school.schoolId), eq(plans.termId, term.termId)));
    const content = plan?.content as TermPlan | undefined;
    // The plan's staff first, with the plan's ids; the demo plan names them t1…, m1….
    let teachers = 0;
    let managers = 0;
    const planPeople: (DemoPerson & { staffId: string })[] = (content?.staff ?? []).map((s) => {
      const key = s.role === 'teacher' ? `t${++teachers}` : `m${++managers}`;
      return {
        key,
        name: s.name,
        kind: s.role,
        staffId: UUID.test(s.id) ? s.id : demoStaffId(code, key),
        ...extras.positions[key],
      };
    });
    const people = [
      ...extras.people.map((p) => ({ ...p, staffId: demoStaffId(code, p.key) })),
      ...planPeople,
    ];
    const userIds = new Map<string, string>();
    for (const p of people) {
      if (!p.username) continue;
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, p.username));
      if (u) userIds.set(p.username, u.id);
    }
    await db.transaction(async (tx) => {
      for (const [i, p] of people.entries()) {
        await tx.insert(staff).values({
          schoolId: school.schoolId,
          staffId: p.staffId,
          userId: p.username ? (userIds.get(p.username) ?? null) : null,
          staffNo: `KH${String(i + 1).padStart(3, '0')}`,
          name: p.name,
          phone: `136${String(9_900_000 + phoneSeq + i).padStart(8, '0')}`,
          kind: p.kind,
          weekdays: p.weekdays ?? [1, 2, 3, 4, 5],
          leadershipPosition: p.position ?? null,
          leadershipDuties: (p.duties ?? []).map((d) => LEADERSHIP_DUTIES[d].zh),
        });
        const letter = p.letter ?? 'current';
        if (letter === 'missing') continue;
        const dates = letterDates[letter];
        const bytes = tinyPdf([
          'Kehou demo - responsibility letter (A 3.1)',
          `School ${code}, staff no. KH${String(i + 1).padStart(3, '0')}`,
          `Signed on ${dates.signedOn}, valid until ${dates.validUntil}`,
        ]);
        const scanFileId = await storeFile(tx, {
          schoolId: school.schoolId,
          purpose: 'letter_scan',
          upload: {
            fileName: `岗位责任书-${p.name}.pdf`,
            kind: 'pdf',
            contentType: 'application/pdf',
            bytes,
            fields: {},
          },
          uploadedBy: userIds.get('school.admin') ?? null,
        });
        await tx.insert(responsibilityLetters).values({
          schoolId: school.schoolId,
          staffId: p.staffId,
          ...dates,
          scanFileId,
        });
      }
      // A 三.6 值日总护导 and B 五(三) 管理人员 per weekday: the deputy and the managers with a letter,
      // in turn; the quota's number of managers beside the chief.
      const weekdays = content?.weekdays ?? [1, 2, 3, 4, 5];
      const managersPerDay = Math.floor((content?.expectedStudents ?? 0) / 90);
      const pool = people.filter(
        (p) => p.kind === 'manager' && p.position !== 'leader' && (p.letter ?? 'current') === 'current',
      );
      if (pool.length === 0) return;
      const rows: (typeof dutyAssignments.$inferInsert)[] = [];
      for (const [i, weekday] of weekdays.entries()) {
        const available = pool.filter((p) => (p.weekdays ?? [1, 2, 3, 4, 5]).includes(weekday));
        // The demo's duty.chief account is the duty chief on every service weekday, so that a
        // walk-through signed in as it runs the demo day's close, whichever day that is (issue 14.12).
        const chief = available.find((p) => p.username === 'duty.chief') ?? available[i % available.length];
        if (!chief) continue;
        rows.push({
          schoolId: school.schoolId,
          termId: term.termId,
          weekday,
          staffId: chief.staffId,
          duty: 'duty_chief',
        });
        // The plan's own managers first: the plan lists the managers it counts (B 五(三)), and a rota
        // that puts others on duty disagrees with it (issue 14.5, charge.manager-not-in-plan).
        const others = available.filter((p) => p !== chief);
        const planned = others.filter((p) => planPeople.includes(p));
        const pickFrom = planned.length >= managersPerDay ? planned : others;
        for (let k = 0; k < Math.min(managersPerDay, pickFrom.length); k++) {
          const manager = pickFrom[(i + k) % pickFrom.length];
          if (manager)
            rows.push({
              schoolId: school.schoolId,
              termId: term.termId,
              weekday,
              staffId: manager.staffId,
              duty: 'manager',
            });
        }
      }
      if (rows.length > 0) await tx.insert(dutyAssignments).values(rows);
    });
    made += people.length;
  }
  if (made > 0) log(`${made} 名看护人员及岗位责任书、值日安排 / staff, letters and duty rota`);
}
