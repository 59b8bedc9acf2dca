// kehou storage schema (Drizzle, pg-core).
//
// Table classes (see docs/architecture.md, "Citus-ready schema"):
// - reference tables: small, replicated to every node under Citus (regions, schools, users);
// - global tables: keyed by user or platform, not per school (users, sessions, memberships, audit);
// - tenant tables: rows of one school. They carry `school_id` in the primary key and in every
//   foreign key to another tenant table, so that a region can be distributed by school with Citus.
// `src/db/tenant-schema.db.test.ts` checks these rules on the migrated database; every new table
// must be listed there in one of the classes.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredDaySummary } from '../domain/day-close.js';
import type { TermPlan } from '../domain/plan.js';
import type { RegionPolicy } from '../domain/policy.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const regionLevel = pgEnum('region_level', ['province', 'city', 'county']);
export const schoolType = pgEnum('school_type', ['primary', 'junior_middle', 'nine_year']);
export const role = pgEnum('role', [
  'bureau',
  'school_admin',
  'care_teacher',
  'duty_chief',
  'gate_guard',
  'guardian',
]);
export const gender = pgEnum('gender', ['male', 'female']);

// ── reference ────────────────────────────────────────────────────────────────

export const regions = pgTable(
  'regions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    level: regionLevel('level').notNull(),
    // Administrative division code (行政区划代码), e.g. 440103.
    code: text('code').notNull(),
    name: text('name').notNull(),
    // Ids from the root to this region joined by '/', so that "is X inside Y" is a prefix test
    // without recursive queries (the authorization policy relies on it).
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('regions_code_key').on(t.code),
    index('regions_path_idx').on(t.path),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'regions_parent_fk' }),
  ],
);

// ── global (users: reference) ───────────────────────────────────────────────────────────────────

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username'),
    phone: text('phone'),
    displayName: text('display_name').notNull(),
    // argon2id; null for accounts that have not set a password yet (guardians created on import
    // log in first with a one-time code).
    passwordHash: text('password_hash'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_username_key').on(sql`lower(${t.username})`),
    uniqueIndex('users_phone_key').on(t.phone),
    check('users_has_login', sql`${t.username} is not null or ${t.phone} is not null`),
  ],
);

// A bureau member's scope: one region and every school inside it.
export const regionMemberships = pgTable(
  'region_memberships',
  {
    membershipId: uuid('membership_id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    role: role('role').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('region_memberships_user_idx').on(t.userId),
    check('region_memberships_role', sql`${t.role} = 'bureau'`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    // sha-256 of the cookie token: a stolen database copy does not yield live sessions.
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // The identifier as typed, lower-cased: lockout counts per account name, whether or not it exists,
    // so that probing does not reveal which accounts exist.
    identifier: text('identifier').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    succeeded: integer('succeeded').notNull(),
    ip: inet('ip'),
  },
  (t) => [index('login_attempts_identifier_at_idx').on(t.identifier, t.at)],
);

export const setupTokens = pgTable('setup_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  createdAt: createdAt(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

// F-26: who, what, when, from where. Append-only: a trigger refuses UPDATE and DELETE.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    // Scope of the object, so that admins search only their own: a school, else a region.
    scopeSchoolId: uuid('scope_school_id'),
    scopeRegionId: uuid('scope_region_id'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_school_at_idx').on(t.scopeSchoolId, t.at),
    index('audit_log_region_at_idx').on(t.scopeRegionId, t.at),
  ],
);

// ── tenant ───────────────────────────────────────────────────────────────────

// The tenant root: its id is the distribution key (`school_id`) of every tenant table. Schools are
// few enough to be a reference table under Citus.
export const schools = pgTable(
  'schools',
  {
    schoolId: uuid('school_id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    // Education statistics code of the school (学校标识码); also used in public notice URLs.
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: schoolType('type').notNull(),
    grades: smallint('grades').array().notNull(),
    // Head-counts for coverage statistics (F-24): all teachers and all students of the school.
    teacherCount: integer('teacher_count').notNull(),
    studentCount: integer('student_count').notNull(),
    address: text('address'),
    phone: text('phone'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('schools_code_key').on(t.code),
    index('schools_region_idx').on(t.regionId),
    check('schools_counts', sql`${t.teacherCount} >= 0 and ${t.studentCount} >= 0`),
  ],
);

// Staff and guardian roles at one school. A guardian's children are listed in `guardianships`.
export const schoolMemberships = pgTable(
  'school_memberships',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    membershipId: uuid('membership_id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: role('role').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.membershipId] }),
    index('school_memberships_user_idx').on(t.userId),
    uniqueIndex('school_memberships_active_key')
      .on(t.schoolId, t.userId, t.role)
      .where(sql`${t.revokedAt} is null`),
    check('school_memberships_role', sql`${t.role} <> 'bureau'`),
  ],
);

// Administrative classes (行政班), e.g. grade 3 class 2.
export const classes = pgTable(
  'classes',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    classId: uuid('class_id').notNull().defaultRandom(),
    grade: smallint('grade').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.classId] }),
    uniqueIndex('classes_school_grade_name_key').on(t.schoolId, t.grade, t.name),
    check('classes_grade', sql`${t.grade} between 1 and 9`),
  ],
);

export const students = pgTable(
  'students',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    studentId: uuid('student_id').notNull().defaultRandom(),
    studentNo: text('student_no').notNull(),
    name: text('name').notNull(),
    gender: gender('gender').notNull(),
    classId: uuid('class_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId] }),
    uniqueIndex('students_school_no_key').on(t.schoolId, t.studentNo),
    foreignKey({
      columns: [t.schoolId, t.classId],
      foreignColumns: [classes.schoolId, classes.classId],
      name: 'students_class_fk',
    }),
  ],
);

// A guardian (user) of a student: the scope of the guardian role.
export const guardianships = pgTable(
  'guardianships',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    studentId: uuid('student_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    relation: text('relation').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.studentId, t.userId] }),
    index('guardianships_user_idx').on(t.userId),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'guardianships_student_fk',
    }),
  ],
);

// ── policy, calendar, terms (reference: region-wide, small) ─────────────────

// F-01 一县一策: a region's policy as data, a new version from an effective date; a term uses the
// version in force on its first day. `policy` holds a RegionPolicy (src/domain/policy.ts),
// validated by `validatePolicy` before it is written.
export const policyVersions = pgTable(
  'policy_versions',
  {
    versionId: uuid('version_id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    // 1, 2, 3… per region. Two versions may share an effective date (a correction made the same
    // day): the higher number is in force.
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    policy: jsonb('policy').$type<RegionPolicy>().notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('policy_versions_region_version_key').on(t.regionId, t.version)],
);

// F-04: a region's own calendar entries: dates it adds or overrides, and the official dates of a
// year the holiday package lacks (confirmed once the State Council's notice is out).
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    date: date('date').notNull(),
    kind: text('kind').$type<'holiday' | 'makeup_workday' | 'workday'>().notNull(),
    name: text('name').notNull(),
    confirmed: boolean('confirmed').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.regionId, t.date] }),
    check('calendar_overrides_kind', sql`${t.kind} in ('holiday', 'makeup_workday', 'workday')`),
  ],
);

// A term (学期) of a region, with the unified start date the bureau sets (B 六(五) 课后服务统一启动
// 时间). Schools use the terms of the nearest region above them that has any.
export const terms = pgTable(
  'terms',
  {
    termId: uuid('term_id').primaryKey().defaultRandom(),
    regionId: uuid('region_id')
      .notNull()
      .references(() => regions.id),
    // e.g. 2026-2027-1, used in public notice addresses.
    code: text('code').notNull(),
    name: text('name').notNull(),
    firstDay: date('first_day').notNull(),
    lastDay: date('last_day').notNull(),
    unifiedStartDate: date('unified_start_date'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('terms_region_code_key').on(t.regionId, t.code),
    check('terms_days', sql`${t.firstDay} <= ${t.lastDay}`),
    check(
      'terms_start_within',
      sql`${t.unifiedStartDate} is null or ${t.unifiedStartDate} between ${t.firstDay} and ${t.lastDay}`,
    ),
  ],
);

// ── plans (tenant) ────────────────────────────────────────────────────────────

export const planStatus = pgEnum('plan_status', ['draft', 'submitted', 'returned', 'approved']);

// F-04: days a school does not serve (exams, weather), with the reason.
export const schoolNoServiceDays = pgTable(
  'school_no_service_days',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    date: date('date').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.schoolId, t.date] })],
);

// F-02 一校一案: one plan per school and term. `content` holds a TermPlan (src/domain/plan.ts).
// B 六(五): 各校根据实际制定具体实施方案报市教育局审定.
export const plans = pgTable(
  'plans',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    planId: uuid('plan_id').notNull().defaultRandom(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.termId),
    status: planStatus('status').notNull().default('draft'),
    content: jsonb('content').$type<TermPlan>().notNull(),
    // Bumped at every saved change; a submission, return or approval names the revision it saw.
    revision: integer('revision').notNull().default(1),
    policyVersionId: uuid('policy_version_id').references(() => policyVersions.versionId),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.planId] }),
    uniqueIndex('plans_school_term_key').on(t.schoolId, t.termId),
    index('plans_term_status_idx').on(t.termId, t.status),
  ],
);

// The plan's history: every submission, return (with the bureau's comments), approval and reopening
// to amend, with the content as it was then.
export const planEvents = pgTable(
  'plan_events',
  {
    schoolId: uuid('school_id').notNull(),
    eventId: uuid('event_id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    action: text('action').$type<'submit' | 'return' | 'approve' | 'reopen'>().notNull(),
    comment: text('comment'),
    revision: integer('revision').notNull(),
    content: jsonb('content').$type<TermPlan>().notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.eventId] }),
    index('plan_events_plan_idx').on(t.schoolId, t.planId, t.at),
    foreignKey({
      columns: [t.schoolId, t.planId],
      foreignColumns: [plans.schoolId, plans.planId],
      name: 'plan_events_plan_fk',
    }),
    check('plan_events_action', sql`${t.action} in ('submit', 'return', 'approve', 'reopen')`),
  ],
);

// F-05 服务公示 (B 五(一)): what the public notice shows, frozen at each approval. Applications
// record the version they agreed to.
export const notices = pgTable(
  'notices',
  {
    schoolId: uuid('school_id').notNull(),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<TermPlan>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.planId, t.version] }),
    foreignKey({
      columns: [t.schoolId, t.planId],
      foreignColumns: [plans.schoolId, plans.planId],
      name: 'notices_plan_fk',
    }),
  ],
);

// ── enrollment, staff, grouping (tenant) ──────────────────────────────────────

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

// Uploaded scans and photos: a paper application's scan (F-06), a responsibility letter's scan
// (A 三.1), a pickup person's photo (F-13). Kept in the database with the rows that name them, so a
// backup or a school's export carries them and no file can outlive or miss its record.
export const files = pgTable(
  'files',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    fileId: uuid('file_id').notNull().defaultRandom(),
    purpose: text('purpose').$type<'application_scan' | 'letter_scan' | 'pickup_photo'>().notNull(),
    // Checked from the content's first bytes, not trusted from the upload: PDF, JPEG or PNG.
    contentType: text('content_type').notNull(),
    fileName: text('file_name').notNull(),
    byteSize: integer('byte_size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.fileId] }),
    check('files_purpose', sql`${t.purpose} in ('application_scan', 'letter_scan', 'pickup_photo')`),
    check('files_content_type', sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
    check('files_size', sql`${t.byteSize} > 0 and ${t.byteSize} = octet_length(${t.content})`),
  ],
);

// F-09: the people who care for children after school, with or without an account. `kind` is their
// place in the staffing quota (B 五(三): 教师 per group, 管理人员 per 90 children); the leadership
// group (A 二: 组长, 副组长, 组员 with named duties) is a position some of them hold.
export const staff = pgTable(
  'staff',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    staffId: uuid('staff_id').notNull().defaultRandom(),
    // The account, when the person signs in (care teachers, duty chiefs, guards).
    userId: uuid('user_id').references(() => users.id),
    staffNo: text('staff_no'),
    name: text('name').notNull(),
    phone: text('phone'),
    kind: text('kind').$type<'teacher' | 'manager'>().notNull().default('teacher'),
    // Weekdays the person can serve (1 = Monday … 7 = Sunday).
    weekdays: smallint('weekdays').array().notNull().default(sql`'{1,2,3,4,5}'`),
    leadershipPosition: text('leadership_position').$type<'leader' | 'deputy' | 'member'>(),
    leadershipDuties: text('leadership_duties').array().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.staffId] }),
    uniqueIndex('staff_school_no_key').on(t.schoolId, t.staffNo).where(sql`${t.staffNo} is not null`),
    uniqueIndex('staff_school_user_key').on(t.schoolId, t.userId).where(sql`${t.userId} is not null`),
    check('staff_kind', sql`${t.kind} in ('teacher', 'manager')`),
    check(
      'staff_leadership_position',
      sql`${t.leadershipPosition} is null or ${t.leadershipPosition} in ('leader', 'deputy', 'member')`,
    ),
  ],
);

// A 三.1: 学校与看护工作人员签订岗位责任书. A person may have several over the years; one whose dates
// cover a service day makes them assignable on it.
export const responsibilityLetters = pgTable(
  'responsibility_letters',
  {
    schoolId: uuid('school_id').notNull(),
    letterId: uuid('letter_id').notNull().defaultRandom(),
    staffId: uuid('staff_id').notNull(),
    signedOn: date('signed_on').notNull(),
    validUntil: date('valid_until').notNull(),
    scanFileId: uuid('scan_file_id').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.letterId] }),
    index('responsibility_letters_staff_idx').on(t.schoolId, t.staffId),
    foreignKey({
      columns: [t.schoolId, t.staffId],
      foreignColumns: [staff.schoolId, staff.staffId],
      name: 'responsibility_letters_staff_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.scanFileId],
      foreignColumns: [files.schoolId, files.fileId],
      name: 'responsibility_letters_scan_fk',
    }),
    check('responsibility_letters_dates', sql`${t.signedOn} <= ${t.validUntil}`),
  ],
);

// Persons a guardian authorizes to collect the child (F-06, F-13). Removed persons stay, with the
// time of removal, so that a past release still names whom it was to.
export const pickupPersons = pgTable(
  'pickup_persons',
  {
    schoolId: uuid('school_id').notNull(),
    personId: uuid('person_id').notNull().defaultRandom(),
    studentId: uuid('student_id').notNull(),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    phone: text('phone').notNull(),
    photoFileId: uuid('photo_file_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.personId] }),
    index('pickup_persons_student_idx').on(t.schoolId, t.studentId),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'pickup_persons_student_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.photoFileId],
      foreignColumns: [files.schoolId, files.fileId],
      name: 'pickup_persons_photo_fk',
    }),
  ],
);

export const applicationStatus = pgEnum('application_status', [
  'submitted',
  'approved',
  'waitlisted',
  'withdrawn',
]);

// F-06 自愿报名 (B 四(一), B 五(二)): what a guardian asked for, for one child and term, and the
// school's decision. An approval creates the enrollment.
export const applications = pgTable(
  'applications',
  {
    schoolId: uuid('school_id').notNull(),
    applicationId: uuid('application_id').notNull().defaultRandom(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.termId),
    planId: uuid('plan_id').notNull(),
    studentId: uuid('student_id').notNull(),
    status: applicationStatus('status').notNull().default('submitted'),
    source: text('source').$type<'online' | 'paper'>().notNull(),
    weekdays: smallint('weekdays').array().notNull(),
    departureBatch: text('departure_batch').notNull(),
    extendedCustody: boolean('extended_custody').notNull().default(false),
    extendedCustodyReason: text('extended_custody_reason'),
    mayLeaveAlone: boolean('may_leave_alone').notNull().default(false),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    waitlistReason: text('waitlist_reason'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.applicationId] }),
    // One live application per child and term; a withdrawn one may be followed by a new one.
    uniqueIndex('applications_live_key')
      .on(t.schoolId, t.termId, t.studentId)
      .where(sql`${t.status} <> 'withdrawn'`),
    index('applications_term_status_idx').on(t.schoolId, t.termId, t.status),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'applications_student_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.planId],
      foreignColumns: [plans.schoolId, plans.planId],
      name: 'applications_plan_fk',
    }),
    check('applications_source', sql`${t.source} in ('online', 'paper')`),
    check(
      'applications_extended_reason',
      sql`not ${t.extendedCustody} or ${t.extendedCustodyReason} is not null`,
    ),
    check(
      'applications_waitlist_reason',
      sql`${t.status} <> 'waitlisted' or ${t.waitlistReason} is not null`,
    ),
  ],
);

// The guardian's consent (B 四(一) 自愿参加): who agreed, when, to which version of the public notice.
// Online: the signed-in guardian. On paper: the guardian's name, the date on the form and its scan.
export const consents = pgTable(
  'consents',
  {
    schoolId: uuid('school_id').notNull(),
    consentId: uuid('consent_id').notNull().defaultRandom(),
    applicationId: uuid('application_id').notNull(),
    source: text('source').$type<'online' | 'paper'>().notNull(),
    guardianUserId: uuid('guardian_user_id').references(() => users.id),
    guardianName: text('guardian_name').notNull(),
    // Online: the moment of submission; on paper: the date written on the form (00:00 Shanghai).
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    planId: uuid('plan_id').notNull(),
    noticeVersion: integer('notice_version').notNull(),
    scanFileId: uuid('scan_file_id'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.consentId] }),
    uniqueIndex('consents_application_key').on(t.schoolId, t.applicationId),
    foreignKey({
      columns: [t.schoolId, t.applicationId],
      foreignColumns: [applications.schoolId, applications.applicationId],
      name: 'consents_application_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.planId, t.noticeVersion],
      foreignColumns: [notices.schoolId, notices.planId, notices.version],
      name: 'consents_notice_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.scanFileId],
      foreignColumns: [files.schoolId, files.fileId],
      name: 'consents_scan_fk',
    }),
    check(
      'consents_evidence',
      sql`(${t.source} = 'online' and ${t.guardianUserId} is not null)
        or (${t.source} = 'paper' and ${t.scanFileId} is not null)`,
    ),
  ],
);

// A child's place in the service for a term (the 课后看护学生名册, A 三.5). It cannot exist without
// the consent it rests on: `consent_id` is required and a foreign key. A withdrawal ends it from
// `withdrawn_from`, the next service day after the guardian asked (F-06).
export const enrollments = pgTable(
  'enrollments',
  {
    schoolId: uuid('school_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull().defaultRandom(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.termId),
    studentId: uuid('student_id').notNull(),
    applicationId: uuid('application_id').notNull(),
    consentId: uuid('consent_id').notNull(),
    weekdays: smallint('weekdays').array().notNull(),
    departureBatch: text('departure_batch').notNull(),
    extendedCustody: boolean('extended_custody').notNull(),
    extendedCustodyReason: text('extended_custody_reason'),
    mayLeaveAlone: boolean('may_leave_alone').notNull(),
    // First service day the child attends.
    startsOn: date('starts_on').notNull(),
    // First service day the child no longer attends; null while enrolled.
    withdrawnFrom: date('withdrawn_from'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.enrollmentId] }),
    uniqueIndex('enrollments_live_key')
      .on(t.schoolId, t.termId, t.studentId)
      .where(sql`${t.withdrawnAt} is null`),
    uniqueIndex('enrollments_application_key').on(t.schoolId, t.applicationId),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'enrollments_student_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.applicationId],
      foreignColumns: [applications.schoolId, applications.applicationId],
      name: 'enrollments_application_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.consentId],
      foreignColumns: [consents.schoolId, consents.consentId],
      name: 'enrollments_consent_fk',
    }),
    check('enrollments_withdrawal', sql`(${t.withdrawnAt} is null) = (${t.withdrawnFrom} is null)`),
  ],
);

// F-08 编班: a service group on one weekday of a term. `venue_id` names a venue of the approved plan.
export const serviceGroups = pgTable(
  'service_groups',
  {
    schoolId: uuid('school_id').notNull(),
    groupId: uuid('group_id').notNull().defaultRandom(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.termId),
    weekday: smallint('weekday').notNull(),
    name: text('name').notNull(),
    grades: smallint('grades').array().notNull(),
    venueId: text('venue_id'),
    teacherStaffId: uuid('teacher_staff_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.groupId] }),
    uniqueIndex('service_groups_name_key').on(t.schoolId, t.termId, t.weekday, t.name),
    foreignKey({
      columns: [t.schoolId, t.teacherStaffId],
      foreignColumns: [staff.schoolId, staff.staffId],
      name: 'service_groups_teacher_fk',
    }),
    check('service_groups_weekday', sql`${t.weekday} between 1 and 7`),
  ],
);

// A child in a group. One group per child per weekday and term: the unique key says so.
export const groupMembers = pgTable(
  'group_members',
  {
    schoolId: uuid('school_id').notNull(),
    groupId: uuid('group_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull(),
    termId: uuid('term_id').notNull(),
    weekday: smallint('weekday').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.groupId, t.enrollmentId] }),
    uniqueIndex('group_members_day_key').on(t.schoolId, t.termId, t.weekday, t.enrollmentId),
    foreignKey({
      columns: [t.schoolId, t.groupId],
      foreignColumns: [serviceGroups.schoolId, serviceGroups.groupId],
      name: 'group_members_group_fk',
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.schoolId, t.enrollmentId],
      foreignColumns: [enrollments.schoolId, enrollments.enrollmentId],
      name: 'group_members_enrollment_fk',
    }),
  ],
);

// F-10 值日: the duty chief (A 三.6 值日总护导) and the managers (B 五(三) 管理人员) of each weekday.
// Group teachers are on `service_groups`.
export const dutyAssignments = pgTable(
  'duty_assignments',
  {
    schoolId: uuid('school_id').notNull(),
    termId: uuid('term_id')
      .notNull()
      .references(() => terms.termId),
    weekday: smallint('weekday').notNull(),
    staffId: uuid('staff_id').notNull(),
    duty: text('duty').$type<'duty_chief' | 'manager'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.termId, t.weekday, t.staffId, t.duty] }),
    uniqueIndex('duty_assignments_chief_key')
      .on(t.schoolId, t.termId, t.weekday)
      .where(sql`${t.duty} = 'duty_chief'`),
    foreignKey({
      columns: [t.schoolId, t.staffId],
      foreignColumns: [staff.schoolId, staff.staffId],
      name: 'duty_assignments_staff_fk',
    }),
    check('duty_assignments_duty', sql`${t.duty} in ('duty_chief', 'manager')`),
    check('duty_assignments_weekday', sql`${t.weekday} between 1 and 7`),
  ],
);

// F-30: the in-app message store of the notification adapter (guardians' and staff's message centre).
export const notifications = pgTable(
  'notifications',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.schoolId),
    notificationId: uuid('notification_id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: jsonb('title').$type<{ zh: string; en: string }>().notNull(),
    body: jsonb('body').$type<{ zh: string; en: string }>().notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.notificationId] }),
    index('notifications_user_idx').on(t.userId, t.createdAt),
  ],
);

// ── global ─────────────────────────────────────────────────────────────────────

// One-time sign-in codes for guardians created on import: the school prints or sends them; the first
// sign-in with one asks the guardian to set a password. Only a hash is stored.
export const loginCodes = pgTable(
  'login_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    schoolId: uuid('school_id').references(() => schools.schoolId),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('login_codes_user_idx').on(t.userId)],
);

// ── daily operation (F-11 … F-17) ───────────────────────────────────────────────

// One enrolled child's service day as an append-only log (A 三.5 每天点名并做好记录; B 六(三) 交接班):
// roll-call marks and their corrections, the call to the gate, extended custody, the release, the
// absence follow-up's contact and escalation. `src/domain/child-day.ts` replays a child's events in
// `seq` order; the table refuses UPDATE and DELETE (migration 0005), so nothing is overwritten.
// Two rules are kept by the database itself whatever the callers do: one release and one custody per
// child and day (partial unique keys) — two gates releasing the same child: exactly one succeeds.
// Marks carry the id the phone made (`event_id`), so a replayed offline mark is recognised; a mark
// names the mark it corrects (`based_on`), so a stale offline write is refused rather than applied.
export const childDayEvents = pgTable(
  'child_day_events',
  {
    schoolId: uuid('school_id').notNull(),
    eventId: uuid('event_id').notNull().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    serviceDate: date('service_date').notNull(),
    studentId: uuid('student_id').notNull(),
    enrollmentId: uuid('enrollment_id').notNull(),
    kind: text('kind').$type<'mark' | 'call' | 'custody' | 'release' | 'contact' | 'escalate'>().notNull(),
    // kind = mark
    mark: text('mark').$type<'present' | 'late' | 'absent' | 'leave'>(),
    basedOn: uuid('based_on'),
    groupId: uuid('group_id'),
    // kind = release: how and to whom (null person: left alone with the guardian's permission)
    method: text('method').$type<'pickup_code' | 'listed_person' | 'alone'>(),
    pickupPersonId: uuid('pickup_person_id'),
    // kind = release to a listed person without the code (issue 14.4, B 六(三)): how the gate checked
    // the person — the photo on file, the ID number's last four characters (kept, never the whole
    // number: A 三), or the ID document. Null on releases recorded before migration 0007; a new one
    // cannot be stored without it (the CHECK child_day_events_listed_person_checked, written in 0007
    // by hand because it names the migration's time).
    identityCheck: text('identity_check').$type<'photo' | 'id_last4' | 'id_document'>(),
    idLast4: text('id_last4'),
    // kind = release before the child's batch (C 2 弹性离校): the batch time and how many minutes
    // early, as the person releasing confirmed them. Null: not early.
    earlyBatchTime: text('early_batch_time'),
    earlyMinutes: integer('early_minutes'),
    // kind = custody: the staff member the child stays with (C 延时托管)
    staffId: uuid('staff_id'),
    automatic: boolean('automatic'),
    // kind = contact: whom the teacher reached, the result and the reason for the absence (A 三.5)
    contactPerson: text('contact_person'),
    result: text('result'),
    reason: text('reason'),
    note: text('note'),
    // When it happened (on an offline phone: when the teacher tapped) and when the server stored it.
    at: timestamp('at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    // Null for what the platform does by itself (automatic custody, escalation).
    byUser: uuid('by_user').references(() => users.id),
    deviceId: text('device_id'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.eventId] }),
    index('child_day_events_day_idx').on(t.schoolId, t.serviceDate, t.studentId, t.seq),
    uniqueIndex('child_day_events_release_key')
      .on(t.schoolId, t.serviceDate, t.studentId)
      .where(sql`${t.kind} = 'release'`),
    uniqueIndex('child_day_events_custody_key')
      .on(t.schoolId, t.serviceDate, t.studentId)
      .where(sql`${t.kind} = 'custody'`),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'child_day_events_student_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.enrollmentId],
      foreignColumns: [enrollments.schoolId, enrollments.enrollmentId],
      name: 'child_day_events_enrollment_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.pickupPersonId],
      foreignColumns: [pickupPersons.schoolId, pickupPersons.personId],
      name: 'child_day_events_person_fk',
    }),
    foreignKey({
      columns: [t.schoolId, t.staffId],
      foreignColumns: [staff.schoolId, staff.staffId],
      name: 'child_day_events_staff_fk',
    }),
    check(
      'child_day_events_kind',
      sql`${t.kind} in ('mark', 'call', 'custody', 'release', 'contact', 'escalate')`,
    ),
    check(
      'child_day_events_mark',
      sql`(${t.kind} = 'mark') = (${t.mark} is not null)
        and (${t.mark} is null or ${t.mark} in ('present', 'late', 'absent', 'leave'))`,
    ),
    check(
      'child_day_events_release',
      sql`(${t.kind} = 'release') = (${t.method} is not null)
        and (${t.method} is null or ${t.method} in ('pickup_code', 'listed_person', 'alone'))
        and (${t.method} is distinct from 'alone' or ${t.pickupPersonId} is null)
        and (${t.method} not in ('pickup_code', 'listed_person') or ${t.pickupPersonId} is not null)`,
    ),
    check(
      'child_day_events_identity_check',
      sql`(${t.identityCheck} is null
          or (${t.kind} = 'release' and ${t.method} = 'listed_person'
            and ${t.identityCheck} in ('photo', 'id_last4', 'id_document')))
        and (${t.identityCheck} is not distinct from 'id_last4') = (${t.idLast4} is not null)
        and (${t.idLast4} is null or ${t.idLast4} ~ '^[0-9]{3}[0-9X]$')`,
    ),
    check(
      'child_day_events_early',
      sql`(${t.earlyMinutes} is null) = (${t.earlyBatchTime} is null)
        and (${t.earlyMinutes} is null or (${t.kind} = 'release' and ${t.earlyMinutes} > 0
          and ${t.earlyBatchTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'))`,
    ),
    check(
      'child_day_events_custody',
      sql`${t.kind} <> 'custody' or (${t.staffId} is not null and ${t.automatic} is not null)`,
    ),
    check(
      'child_day_events_contact',
      sql`${t.kind} <> 'contact' or (${t.result} is not null and ${t.reason} is not null)`,
    ),
  ],
);

// A guardian's leave for a date range (F-11: it reaches the roll call, pre-marked 请假). No approval:
// the guardian tells the school; cancelling keeps the row with the time.
export const leaveRequests = pgTable(
  'leave_requests',
  {
    schoolId: uuid('school_id').notNull(),
    leaveId: uuid('leave_id').notNull().defaultRandom(),
    studentId: uuid('student_id').notNull(),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    reason: text('reason').notNull(),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.leaveId] }),
    index('leave_requests_student_idx').on(t.schoolId, t.studentId, t.fromDate),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'leave_requests_student_fk',
    }),
    check('leave_requests_dates', sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

// Today's departure batch when the guardian changed it (C 2 弹性离校), before the cut-off.
export const batchChoices = pgTable(
  'batch_choices',
  {
    schoolId: uuid('school_id').notNull(),
    serviceDate: date('service_date').notNull(),
    studentId: uuid('student_id').notNull(),
    batch: text('batch').notNull(),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.serviceDate, t.studentId] }),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'batch_choices_student_fk',
    }),
  ],
);

// The pickup code of a child for a day (F-13): shown on the guardian's phone, typed or scanned at the
// gate. The code itself is never stored (issue 13.8): `code_hash` is its HMAC-SHA256 under the
// server's secret (school, day and code), by which the gate finds the child; the guardian's page
// derives the six digits again from the secret and the random `nonce`
// (`src/server/features/departure/pickup-code-key.ts`). Unique within the school and day so that a
// code alone finds the child; locked after five wrong tries against it (`src/domain/departure.ts`).
// `viewed_by`: the guardians who have seen the code that day, so that a view is audited once per
// guardian, not once per poll of the page.
export const pickupCodes = pgTable(
  'pickup_codes',
  {
    schoolId: uuid('school_id').notNull(),
    serviceDate: date('service_date').notNull(),
    studentId: uuid('student_id').notNull(),
    codeHash: bytea('code_hash').notNull(),
    nonce: bytea('nonce').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    viewedBy: uuid('viewed_by').array().notNull().default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.serviceDate, t.studentId] }),
    uniqueIndex('pickup_codes_code_hash_key').on(t.schoolId, t.serviceDate, t.codeHash),
    foreignKey({
      columns: [t.schoolId, t.studentId],
      foreignColumns: [students.schoolId, students.studentId],
      name: 'pickup_codes_student_fk',
    }),
    check('pickup_codes_code_hash', sql`octet_length(${t.codeHash}) = 32`),
    check('pickup_codes_nonce', sql`octet_length(${t.nonce}) = 16`),
  ],
);

// 交接班 (B 六(三), F-15): at the start the class teacher hands the children to the care staff; at the
// end the care staff hand those still in care to the duty chief or extended custody. Each with the
// head-count expected by the roll call, the count made and the discrepancies noted.
export const handovers = pgTable(
  'handovers',
  {
    schoolId: uuid('school_id').notNull(),
    handoverId: uuid('handover_id').notNull().defaultRandom(),
    serviceDate: date('service_date').notNull(),
    stage: text('stage').$type<'start' | 'end'>().notNull(),
    groupId: uuid('group_id'),
    fromName: text('from_name').notNull(),
    toName: text('to_name').notNull(),
    expectedCount: integer('expected_count').notNull(),
    countedCount: integer('counted_count').notNull(),
    discrepancies: text('discrepancies'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.handoverId] }),
    index('handovers_day_idx').on(t.schoolId, t.serviceDate),
    foreignKey({
      columns: [t.schoolId, t.groupId],
      foreignColumns: [serviceGroups.schoolId, serviceGroups.groupId],
      name: 'handovers_group_fk',
    }),
    check('handovers_stage', sql`${t.stage} in ('start', 'end')`),
    check('handovers_counts', sql`${t.expectedCount} >= 0 and ${t.countedCount} >= 0`),
    check(
      'handovers_discrepancy',
      sql`${t.expectedCount} = ${t.countedCount} or ${t.discrepancies} is not null`,
    ),
  ],
);

// 门卫登记 (B 六(三), F-17): visitors in and out during the service, with purpose and host.
export const gateVisits = pgTable(
  'gate_visits',
  {
    schoolId: uuid('school_id').notNull(),
    visitId: uuid('visit_id').notNull().defaultRandom(),
    visitDate: date('visit_date').notNull(),
    visitorName: text('visitor_name').notNull(),
    phone: text('phone'),
    organisation: text('organisation'),
    purpose: text('purpose').notNull(),
    host: text('host').notNull(),
    inAt: timestamp('in_at', { withTimezone: true }).notNull(),
    inBy: uuid('in_by')
      .notNull()
      .references(() => users.id),
    outAt: timestamp('out_at', { withTimezone: true }),
    outBy: uuid('out_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.visitId] }),
    index('gate_visits_day_idx').on(t.schoolId, t.visitDate),
    check('gate_visits_out', sql`(${t.outAt} is null) = (${t.outBy} is null)`),
  ],
);

// F-16: the duty chief closes the day once every child is accounted for; the counts are kept as
// they were at that moment.
export const dayClosures = pgTable(
  'day_closures',
  {
    schoolId: uuid('school_id').notNull(),
    serviceDate: date('service_date').notNull(),
    closedBy: uuid('closed_by')
      .notNull()
      .references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }).notNull(),
    summary: jsonb('summary').$type<StoredDaySummary>().notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.serviceDate] }),
    foreignKey({
      columns: [t.schoolId],
      foreignColumns: [schools.schoolId],
      name: 'day_closures_school_fk',
    }),
  ],
);

// `Idempotency-Key` of writes (issue 5, B-4 dead network): the first request with a key is done and
// its answer kept; a retry with the same key and body gets the same answer without doing it again.
// Keyed by the account that sent it (global table).
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    // null while the first request is still being handled
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
