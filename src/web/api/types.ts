// Shapes of the kehou REST API as the web app uses them. They mirror the server's Zod schemas;
// when those are importable from a shared module, these types should be inferred from them.

export const ROLES = [
  'bureau',
  'school_admin',
  'care_teacher',
  'duty_chief',
  'gate_guard',
  'guardian',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles a school administrator may give to a staff account. */
export const STAFF_ROLES = ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const SCHOOL_TYPES = ['primary', 'junior_middle', 'nine_year'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export type Gender = 'male' | 'female';

export interface SessionUser {
  id: string;
  /** Null for accounts that sign in with their phone only (most guardians). */
  username: string | null;
  displayName: string;
  phone: string | null;
}

export interface Membership {
  id: string;
  role: Role;
  regionId: string | null;
  regionName: string | null;
  schoolId: string | null;
  schoolName: string | null;
}

export interface Session {
  user: SessionUser;
  memberships: Membership[];
  csrfToken: string;
}

export interface LoginInput {
  identifier: string;
  password: string;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export interface SetupStatus {
  needed: boolean;
}

export interface SetupInput {
  token: string;
  region: { name: string; code: string; level: RegionLevel };
  admin: { username: string; displayName: string; phone?: string; password: string };
}

export interface Region {
  id: string;
  parentId: string | null;
  level: RegionLevel;
  code: string;
  name: string;
}

export interface School {
  id: string;
  code: string;
  name: string;
  type: SchoolType;
  regionId: string;
  regionName: string;
  grades: number[];
  teacherCount: number;
  studentCount: number;
  studentsOnRecord: number;
  address: string | null;
  phone: string | null;
}

export interface CreateSchoolInput {
  code: string;
  name: string;
  type: SchoolType;
  grades: number[];
  teacherCount: number;
  studentCount: number;
  address?: string;
  phone?: string;
}

export interface UpdateSchoolInput {
  name?: string;
  teacherCount?: number;
  studentCount?: number;
  address?: string | null;
  phone?: string | null;
  grades?: number[];
}

export interface Member {
  membershipId: string;
  userId: string;
  username: string | null;
  displayName: string;
  /** Masked by the server, like 138****1234. */
  phone: string | null;
  role: Role;
  createdAt: string;
}

export interface CreateMemberInput {
  username: string;
  displayName: string;
  phone?: string;
  role: StaffRole;
  password: string;
}

export interface Student {
  id: string;
  studentNo: string;
  name: string;
  gender: Gender;
  grade: number;
  className: string;
}

export interface StudentQuery {
  q?: string;
  grade?: number;
  page: number;
  pageSize: number;
}

export interface Child {
  schoolId: string;
  schoolName: string;
  studentId: string;
  name: string;
  grade: number;
  className: string;
  relation: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  schoolName: string | null;
  ip: string | null;
}

export interface AuditQuery {
  schoolId?: string;
  action?: string;
  /** YYYY-MM-DD, a date in Asia/Shanghai. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface ItemList<T> {
  items: T[];
}

export interface Page<T> {
  items: T[];
  total: number;
}
