// Who may do what: the one place that decides access. Routes and use cases ask `authorize` or
// the scope helpers; they never re-implement a rule. Deny by default: an action not listed for a
// role is refused, and an action that is not in `Action` does not compile.
//
// Scopes (SPEC "People and scopes"; docs/domain-rules.md): the bureau its region and every school
// inside it (B 六(一): 市教育局…负责对各校课后服务进行监督和指导); school staff their school (A 二: 学生
// 课后看护工作领导小组; A 三.6: 值日总护导; B 六(三): 门卫登记); a guardian their own children only
// (B 四(一): 家长自愿报名).

export type Role = 'bureau' | 'school_admin' | 'care_teacher' | 'duty_chief' | 'gate_guard' | 'guardian';
export const ROLES: readonly Role[] = [
  'bureau',
  'school_admin',
  'care_teacher',
  'duty_chief',
  'gate_guard',
  'guardian',
];
export const STAFF_ROLES = ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type ActorMembership =
  | { membershipId: string; role: 'bureau'; regionId: string; regionPath: string }
  | {
      membershipId: string;
      role: Exclude<Role, 'bureau'>;
      schoolId: string;
      // The region path of the school (ids from the root joined by '/').
      schoolRegionPath: string;
      // For a guardian: the children (student ids at that school) in their care.
      childIds?: readonly string[];
    };

export interface Actor {
  userId: string;
  memberships: readonly ActorMembership[];
}

// What an action is done to. A region-level object has only `regionPath`; a school-level object
// has `schoolId` and the school's `regionPath`; a child's object adds `studentId`.
export interface Target {
  regionPath: string;
  schoolId?: string;
  studentId?: string;
  // For member.create: the role of the account being created.
  role?: Role;
}

export type Action =
  | 'region.read'
  | 'region.create'
  | 'school.create'
  | 'school.read'
  | 'school.update'
  | 'member.list'
  | 'member.create'
  | 'student.list'
  | 'student.read'
  | 'audit.read'
  | 'policy.read'
  | 'policy.write'
  | 'term.read'
  | 'term.write'
  | 'calendar.write'
  | 'plan.read'
  | 'plan.write'
  | 'plan.review'
  | 'staff.read'
  | 'staff.write'
  | 'roster.import'
  | 'guardian.code.issue'
  | 'member.unlock'
  | 'application.list'
  | 'application.review'
  | 'application.create'
  | 'application.read'
  | 'application.withdraw'
  | 'grouping.read'
  | 'grouping.write'
  | 'roster.read'
  | 'roster.whole_school'
  | 'roster.full_phones'
  | 'rota.read'
  | 'rota.write'
  | 'attendance.mark'
  | 'attendance.whole_school'
  | 'leave.request'
  | 'leave.read'
  | 'leave.read.any_child'
  | 'followup.record'
  | 'childday.read'
  | 'pickup.code.read'
  | 'pickup.batch.change'
  | 'release.write'
  | 'gate.board'
  | 'custody.write'
  | 'custody.end_of_service'
  | 'handover.write'
  | 'gate.visit'
  | 'day.read'
  | 'day.close'
  | 'school.today'
  | 'staff.self.read'
  | 'demo.clock.move';

type Rule = (membership: ActorMembership, target: Target) => boolean;

// `inRegion`: the target lies inside the bureau's region (its own region or below).
const inRegion: Rule = (m, t) => m.role === 'bureau' && isWithin(t.regionPath, m.regionPath);
// `belowRegion`: strictly below, for creating sub-regions.
const belowRegion: Rule = (m, t) =>
  m.role === 'bureau' && isWithin(t.regionPath, m.regionPath) && t.regionPath !== m.regionPath;
const atSchool =
  (...roles: Role[]): Rule =>
  (m, t) =>
    m.role !== 'bureau' && roles.includes(m.role) && t.schoolId !== undefined && m.schoolId === t.schoolId;
// A school's people read what their region (or one above it) decides for them: its policy and terms.
const aboveOwnSchool =
  (...roles: Role[]): Rule =>
  (m, t) =>
    m.role !== 'bureau' &&
    roles.includes(m.role) &&
    t.schoolId === undefined &&
    isWithin(m.schoolRegionPath, t.regionPath);
const ownChild: Rule = (m, t) =>
  m.role === 'guardian' &&
  t.schoolId !== undefined &&
  m.schoolId === t.schoolId &&
  t.studentId !== undefined &&
  (m.childIds ?? []).includes(t.studentId);

const anyOf =
  (...rules: Rule[]): Rule =>
  (m, t) =>
    rules.some((rule) => rule(m, t));

const rules: Record<Action, Rule> = {
  'region.read': inRegion,
  // A bureau adds counties below its city; the top region comes from the one-time setup.
  'region.create': belowRegion,
  'school.create': inRegion,
  'school.read': anyOf(
    inRegion,
    atSchool('school_admin', 'care_teacher', 'duty_chief', 'gate_guard', 'guardian'),
  ),
  'school.update': anyOf(inRegion, atSchool('school_admin')),
  'member.list': anyOf(inRegion, atSchool('school_admin')),
  // The bureau appoints a school's administrators; the school admin creates its staff accounts.
  // Guardian accounts come only from enrollment (they are linked to children), never from here.
  'member.create': (m, t) =>
    (inRegion(m, t) && t.role === 'school_admin') ||
    (atSchool('school_admin')(m, t) && t.role !== undefined && t.role !== 'guardian' && t.role !== 'bureau'),
  // Children's personal data stays in the school: the bureau supervises by figures (B 六(四) 纳入
  // 教育督导范围), not names. The duty chief reconciles every child at day end (A 三.6).
  'student.list': atSchool('school_admin', 'duty_chief'),
  'student.read': anyOf(atSchool('school_admin', 'duty_chief'), ownChild),
  'audit.read': anyOf(inRegion, atSchool('school_admin')),
  // F-01 一县一策: the bureau sets its region's policy, terms and calendar; a school admin reads
  // those that apply to the school (a bureau above the region reads them too).
  'policy.read': anyOf(inRegion, aboveOwnSchool('school_admin')),
  'policy.write': inRegion,
  'term.read': anyOf(inRegion, aboveOwnSchool('school_admin', 'care_teacher', 'duty_chief', 'gate_guard')),
  'term.write': inRegion,
  'calendar.write': inRegion,
  // F-02 一校一案: the school admin writes the plan; B 六(五) 报市教育局审定: the bureau reviews it.
  'plan.read': anyOf(inRegion, atSchool('school_admin')),
  'plan.write': atSchool('school_admin'),
  'plan.review': inRegion,
  // F-09 (A 二, A 三.1): the school admin keeps the staff records, leadership group and letters; the
  // duty chief reads them to know who is on.
  'staff.read': atSchool('school_admin', 'duty_chief'),
  'staff.write': atSchool('school_admin'),
  // F-27: only the school office imports its lists, and issues guardians' first sign-in codes.
  'roster.import': atSchool('school_admin'),
  'guardian.code.issue': atSchool('school_admin'),
  // Issue 13.5: the school office sees which of its people (staff and guardians) are locked out of
  // signing in and gives one an unlock code, which lifts the lock but signs nobody in.
  'member.unlock': atSchool('school_admin'),
  // F-06 (B 四(一) 自愿参加): a guardian applies and withdraws for their own child only; the school
  // admin reviews, records paper applications and may record a withdrawal the guardian asked for.
  'application.list': atSchool('school_admin'),
  'application.review': atSchool('school_admin'),
  'application.create': anyOf(atSchool('school_admin'), ownChild),
  'application.read': anyOf(atSchool('school_admin'), ownChild),
  'application.withdraw': anyOf(atSchool('school_admin'), ownChild),
  // F-08, F-07 (A 三.5 课后看护学生名册): staff who care for children read the groups and roster; a
  // care teacher's list is narrowed to the groups they lead by the query (see features/roster). The
  // gate guard reads it too — who leaves in which batch, with whom (C 2 弹性离校) — with phones masked.
  'grouping.read': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  'grouping.write': atSchool('school_admin'),
  'roster.read': atSchool('school_admin', 'duty_chief', 'care_teacher', 'gate_guard'),
  // Every group of the day, and the children in none: the office, the duty chief who reconciles every
  // child (A 三.6) and the gate. A care teacher without this reads only the groups they lead.
  'roster.whole_school': atSchool('school_admin', 'duty_chief', 'gate_guard'),
  // Guardians' phones in full for those who call them when a child is missing (A 三.5 未到时及时了解
  // 情况); masked (138****1234) for everyone else, e.g. at the gate.
  'roster.full_phones': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  // F-10: everyone on the school's staff sees the rota; the admin makes it.
  'rota.read': atSchool('school_admin', 'duty_chief', 'care_teacher', 'gate_guard'),
  'rota.write': atSchool('school_admin'),
  // ── daily operation (issue 5) ──
  // F-11 (A 三.5 在册的学生应当每天点名): a care teacher marks the groups they lead (narrowed by the
  // query, another group is "not found"); the duty chief and the office mark any group.
  'attendance.mark': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  'attendance.whole_school': atSchool('school_admin', 'duty_chief'),
  // Leave: the guardian for their own child; the office records one a guardian phoned in.
  'leave.request': anyOf(atSchool('school_admin'), ownChild),
  // Leave reasons are a family's health and affairs: the office, the duty chief (who reconciles every
  // child, A 三.6) and the guardian read them; a care teacher only for the children of the groups
  // they lead (A 三.1 看护职责), narrowed by the use case (features/leave).
  'leave.read': anyOf(atSchool('school_admin', 'duty_chief', 'care_teacher'), ownChild),
  'leave.read.any_child': anyOf(atSchool('school_admin', 'duty_chief'), ownChild),
  // F-12 (A 三.5 未到时及时了解情况并做好记录).
  'followup.record': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  // A guardian sees their own child's day (marked, called, released, in custody).
  'childday.read': anyOf(atSchool('school_admin', 'duty_chief', 'care_teacher', 'gate_guard'), ownChild),
  // F-13 (C 2 弹性离校): the pickup code is shown to the child's own guardian only, who may change
  // today's batch until the cut-off.
  'pickup.code.read': ownChild,
  'pickup.batch.change': ownChild,
  // The release is made by the gate, the duty chief, the office, or a care teacher at the classroom
  // door for their own group (narrowed by the use case).
  'release.write': atSchool('school_admin', 'duty_chief', 'gate_guard', 'care_teacher'),
  'gate.board': atSchool('school_admin', 'duty_chief', 'gate_guard', 'care_teacher'),
  // F-14 (C 延时托管).
  'custody.write': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  // C 延时托管 at the end time, every child still in care at once, with one named staff member: the
  // duty chief who reconciles the day (A 三.6) and the office; not a care teacher (their own group
  // only, one by one), the gate, a guardian or the bureau.
  'custody.end_of_service': atSchool('school_admin', 'duty_chief'),
  // F-15 (B 六(三) 交接班).
  'handover.write': atSchool('school_admin', 'duty_chief', 'care_teacher'),
  // F-17 (B 六(三) 门卫登记).
  'gate.visit': atSchool('school_admin', 'duty_chief', 'gate_guard'),
  // F-16 (A 三.6 值日总护导): every child's state for the day, and closing the day.
  'day.read': atSchool('school_admin', 'duty_chief'),
  'day.close': atSchool('school_admin', 'duty_chief'),
  // The school admin's home (issue 14.9): the day's figures with the office's own work — applications,
  // responsibility letters, the plan's findings — which the duty chief does not read.
  'school.today': atSchool('school_admin'),
  // Every member of a school's staff reads their own staff record there (the profile card).
  'staff.self.read': atSchool('school_admin', 'care_teacher', 'duty_chief', 'gate_guard'),
  // The demo only (PUT /api/demo/clock): those who would show the demo move its clock, not a
  // guardian or a teacher trying it out beside them (issue 13.10).
  'demo.clock.move': (m) => m.role === 'bureau' || m.role === 'school_admin',
};

export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}/`);
}

// A bureau of a region strictly above `regionPath` (the city over its county): what it publishes for
// the county counts as the parent's decision (domain/policy.ts earliestEffectiveDate).
export function isParentBureau(actor: Actor, regionPath: string): boolean {
  return actor.memberships.some(
    (m) => m.role === 'bureau' && m.regionPath !== regionPath && isWithin(regionPath, m.regionPath),
  );
}

export function can(actor: Actor, action: Action, target: Target): boolean {
  const rule = rules[action];
  return actor.memberships.some((membership) => rule(membership, target));
}

// Scope of a list: which schools and regions an actor may list for an action. The query then
// filters by them (`schoolIds`, or schools whose region path lies under one of `regionPaths`).
export interface ListScope {
  regionPaths: string[];
  schoolIds: string[];
}

export function listScope(actor: Actor, action: Action): ListScope {
  const scope: ListScope = { regionPaths: [], schoolIds: [] };
  for (const m of actor.memberships) {
    if (m.role === 'bureau') {
      if (rules[action](m, { regionPath: m.regionPath })) scope.regionPaths.push(m.regionPath);
    } else if (rules[action](m, { regionPath: m.schoolRegionPath, schoolId: m.schoolId })) {
      scope.schoolIds.push(m.schoolId);
    }
  }
  return scope;
}

export function isEmptyScope(scope: ListScope): boolean {
  return scope.regionPaths.length === 0 && scope.schoolIds.length === 0;
}
