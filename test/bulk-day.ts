// Test data for the departure and gate-board tests: roll-call marks written as the roll call stores
// them, and a large day built with bulk inserts (the double-release races and the dismissal bench).
// Not used by the running server (and so not under src/: the one-insert-of-enrollments check reads src/).
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/connect.js';
import { childDayEvents } from '../src/db/schema.js';
import type { FakeClock } from './app.js';
import type { DayWorld } from './daily-world.js';
import { SERVICE_DATE } from './daily-world.js';
import { testCodes } from './pickup-codes.js';

// Present (or another mark) at 15:20 Shanghai on the service day, by the group's teacher.
export async function markChildren(
  db: Db,
  world: DayWorld,
  children: readonly DayWorld['children'][number][],
  mark: 'present' | 'late' | 'absent' | 'leave' = 'present',
  at = new Date(`${SERVICE_DATE}T15:20:00+08:00`),
): Promise<void> {
  if (children.length === 0) return;
  await db.insert(childDayEvents).values(
    children.map((c) => ({
      schoolId: world.school.schoolId,
      serviceDate: SERVICE_DATE,
      studentId: c.studentId,
      enrollmentId: c.enrollmentId,
      kind: 'mark' as const,
      mark,
      groupId: c.groupId,
      at,
      byUser: world.users.dutyChief,
    })),
  );
}

// Moves the fake clock to a Shanghai time on the service day.
export function setShanghaiTime(clock: FakeClock, time: string): void {
  const target = Date.parse(`${SERVICE_DATE}T${time}:00+08:00`);
  clock.advance(target - clock.now().getTime());
}

export interface BulkChild {
  studentId: string;
  enrollmentId: string;
  pickupPersonId: string;
  code: string;
}

// `count` more children in the world's first group, each enrolled (application, consent, enrollment
// as the approval writes them, copied from the world's first child), with one pickup person, the
// first child's guardian, a present mark and a pickup code of the day — all with set-based inserts,
// so a thousand children take well under a second.
export async function addBulkChildren(
  db: Db,
  world: DayWorld,
  count: number,
  options: { prefix?: string } = {},
): Promise<BulkChild[]> {
  const first = world.children[0];
  if (!first) throw new Error('the world needs a first child');
  const prefix = options.prefix ?? 'B';
  const result = await db.execute<{
    student_id: string;
    enrollment_id: string;
    person_id: string;
    n: number;
  }>(sql`
    with template as (
      select s.class_id, e.term_id, e.weekdays, e.departure_batch, a.plan_id, a.submitted_by,
             a.submitted_at, c.guardian_user_id, c.given_at, c.plan_id as consent_plan, c.notice_version
      from enrollments e
      join students s on s.school_id = e.school_id and s.student_id = e.student_id
      join applications a on a.school_id = e.school_id and a.application_id = e.application_id
      join consents c on c.school_id = e.school_id and c.consent_id = e.consent_id
      where e.school_id = ${world.school.schoolId} and e.enrollment_id = ${first.enrollmentId}
    ),
    numbers as (select n, gen_random_uuid() as student_id, gen_random_uuid() as application_id,
                       gen_random_uuid() as consent_id, gen_random_uuid() as enrollment_id,
                       gen_random_uuid() as person_id
                from generate_series(1, ${count}::int) as n),
    s as (
      insert into students (school_id, student_id, student_no, name, gender, class_id)
      select ${world.school.schoolId}, n.student_id, ${prefix} || lpad(n.n::text, 6, '0'),
             '学生' || ${prefix} || n.n, case when n.n % 2 = 0 then 'female' else 'male' end::gender,
             t.class_id
      from numbers n, template t returning student_id
    ),
    a as (
      insert into applications (school_id, application_id, term_id, plan_id, student_id, status, source,
                                weekdays, departure_batch, submitted_by, submitted_at, decided_at)
      select ${world.school.schoolId}, n.application_id, t.term_id, t.plan_id, n.student_id, 'approved',
             'online', t.weekdays, t.departure_batch, t.submitted_by, t.submitted_at, t.submitted_at
      from numbers n, template t
      where exists (select 1 from s where s.student_id = n.student_id)
      returning application_id
    ),
    c as (
      insert into consents (school_id, consent_id, application_id, source, guardian_user_id, guardian_name,
                            given_at, plan_id, notice_version, recorded_at)
      select ${world.school.schoolId}, n.consent_id, n.application_id, 'online', t.guardian_user_id, '家长',
             t.given_at, t.consent_plan, t.notice_version, t.given_at
      from numbers n, template t
      where exists (select 1 from a where a.application_id = n.application_id)
      returning consent_id
    ),
    e as (
      insert into enrollments (school_id, enrollment_id, term_id, student_id, application_id, consent_id,
                               weekdays, departure_batch, extended_custody, may_leave_alone, starts_on)
      select ${world.school.schoolId}, n.enrollment_id, t.term_id, n.student_id, n.application_id,
             n.consent_id, t.weekdays, t.departure_batch, false, false, '2026-09-07'
      from numbers n, template t
      where exists (select 1 from c where c.consent_id = n.consent_id)
      returning enrollment_id
    )
    select n.student_id, n.enrollment_id, n.person_id, n.n
    from numbers n where exists (select 1 from e where e.enrollment_id = n.enrollment_id)
    order by n.n
  `);
  const rows = result.rows;
  const group = world.groups[0];
  if (!group) throw new Error('the world needs a group');
  const guardian = first.guardianUserId;
  const ids = rows.map((r) => r.student_id);
  const enrollmentIds = rows.map((r) => r.enrollment_id);
  const personIds = rows.map((r) => r.person_id);
  const schoolId = world.school.schoolId;
  const [termRow] = (
    await db.execute<{ term_id: string }>(
      sql`select term_id from service_groups where school_id = ${schoolId} and group_id = ${group.groupId}`,
    )
  ).rows;
  await db.execute(sql`
    insert into group_members (school_id, group_id, enrollment_id, term_id, weekday)
    select ${schoolId}, ${group.groupId}, e, ${termRow?.term_id}, 1 from unnest(${sql.param(enrollmentIds)}::uuid[]) as e`);
  await db.execute(sql`
    insert into pickup_persons (school_id, person_id, student_id, name, relation, phone)
    select ${schoolId}, p, s, '接送人' || i, '父亲', '139' || lpad(i::text, 8, '0')
    from unnest(${sql.param(personIds)}::uuid[], ${sql.param(ids)}::uuid[]) with ordinality as x(p, s, i)`);
  await db.execute(sql`
    insert into guardianships (school_id, student_id, user_id, relation)
    select ${schoolId}, s, ${guardian}, '母亲' from unnest(${sql.param(ids)}::uuid[]) as s`);
  await db.execute(sql`
    insert into child_day_events (school_id, service_date, student_id, enrollment_id, kind, mark, group_id, at, by_user)
    select ${schoolId}, ${SERVICE_DATE}, s, e, 'mark', 'present', ${group.groupId},
           ${`${SERVICE_DATE}T15:20:00+08:00`}::timestamptz, ${world.users.dutyChief}
    from unnest(${sql.param(ids)}::uuid[], ${sql.param(enrollmentIds)}::uuid[]) as x(s, e)`);
  const codes = await insertCodes(db, schoolId, ids);
  // Fresh statistics, as autovacuum would have them on a school's real tables: without them the
  // planner takes the tables for empty and joins 1,000s of rows by nested loops.
  await db.execute(
    sql`analyze students, applications, consents, enrollments, group_members, pickup_persons, guardianships, child_day_events, pickup_codes`,
  );
  return rows.map((r) => ({
    studentId: r.student_id,
    enrollmentId: r.enrollment_id,
    pickupPersonId: r.person_id,
    code: codes.get(r.student_id) ?? '',
  }));
}

// Each child's code of the service day, made as the guardian's page makes them (test/pickup-codes.ts);
// a code whose digits another child has already is drawn again.
async function insertCodes(
  db: Db,
  schoolId: string,
  studentIds: readonly string[],
): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  let missing = [...studentIds];
  for (let round = 0; missing.length > 0; round++) {
    if (round === 20) throw new Error('no free pickup codes after 20 draws');
    const drawn = missing.map((studentId) => ({
      studentId,
      ...testCodes.issue({ schoolId, date: SERVICE_DATE, studentId }),
    }));
    const made = await db.execute<{ student_id: string }>(sql`
      insert into pickup_codes (school_id, service_date, student_id, code_hash, nonce)
      select ${schoolId}, ${SERVICE_DATE}, s, decode(h, 'hex'), decode(n, 'hex')
      from unnest(${sql.param(drawn.map((d) => d.studentId))}::uuid[],
                  ${sql.param(drawn.map((d) => d.codeHash.toString('hex')))}::text[],
                  ${sql.param(drawn.map((d) => d.nonce.toString('hex')))}::text[]) as x(s, h, n)
      on conflict do nothing
      returning student_id`);
    const done = new Set(made.rows.map((r) => r.student_id));
    for (const d of drawn) if (done.has(d.studentId)) codes.set(d.studentId, d.code);
    missing = missing.filter((id) => !done.has(id));
  }
  return codes;
}
