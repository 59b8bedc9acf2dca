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
  check,
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
