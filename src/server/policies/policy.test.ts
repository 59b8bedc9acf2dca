import { describe, expect, it } from 'vitest';
import { type Actor, can, listScope } from './policy.js';

const city = 'c1';
const county = 'c1/k1';
const otherCounty = 'c1/k2';
const elsewhere = 'c9/k9';

const bureau = (regionPath: string): Actor => ({
  userId: 'u-bureau',
  memberships: [
    { membershipId: 'm1', role: 'bureau', regionId: regionPath.split('/').pop() ?? '', regionPath },
  ],
});
const staff = (
  role: 'school_admin' | 'care_teacher' | 'duty_chief' | 'gate_guard',
  schoolId = 's1',
): Actor => ({
  userId: `u-${role}`,
  memberships: [{ membershipId: 'm2', role, schoolId, schoolRegionPath: county }],
});
const guardian: Actor = {
  userId: 'u-guardian',
  memberships: [
    { membershipId: 'm3', role: 'guardian', schoolId: 's1', schoolRegionPath: county, childIds: ['kid1'] },
  ],
};
const nobody: Actor = { userId: 'u-none', memberships: [] };

const ownSchool = { regionPath: county, schoolId: 's1' };
const otherSchool = { regionPath: otherCounty, schoolId: 's2' };

describe('policy', () => {
  it('denies everything to an actor without memberships', () => {
    for (const action of ['school.read', 'student.read', 'audit.read', 'region.read'] as const) {
      expect(can(nobody, action, ownSchool)).toBe(false);
    }
  });

  it('lets a bureau act in its region and below, never beside or above', () => {
    expect(can(bureau(city), 'school.read', ownSchool)).toBe(true);
    expect(can(bureau(city), 'school.read', otherSchool)).toBe(true);
    expect(can(bureau(county), 'school.read', ownSchool)).toBe(true);
    expect(can(bureau(county), 'school.read', otherSchool)).toBe(false);
    expect(can(bureau(county), 'region.read', { regionPath: city })).toBe(false);
    expect(can(bureau(city), 'school.read', { regionPath: elsewhere, schoolId: 's9' })).toBe(false);
  });

  it('does not mistake a sibling whose path shares a prefix for a child region', () => {
    expect(can(bureau('c1/k1'), 'school.read', { regionPath: 'c1/k10', schoolId: 'sx' })).toBe(false);
  });

  it('creates regions only strictly below the bureau’s own', () => {
    expect(can(bureau(city), 'region.create', { regionPath: `${city}/new` })).toBe(true);
    expect(can(bureau(city), 'region.create', { regionPath: city })).toBe(false);
  });

  it('keeps children’s data from the bureau', () => {
    expect(can(bureau(city), 'student.list', ownSchool)).toBe(false);
    expect(can(bureau(city), 'student.read', { ...ownSchool, studentId: 'kid1' })).toBe(false);
  });

  it('lets the bureau appoint school admins only, and the school admin create staff but not guardians', () => {
    expect(can(bureau(county), 'member.create', { ...ownSchool, role: 'school_admin' })).toBe(true);
    expect(can(bureau(county), 'member.create', { ...ownSchool, role: 'care_teacher' })).toBe(false);
    expect(can(staff('school_admin'), 'member.create', { ...ownSchool, role: 'gate_guard' })).toBe(true);
    expect(can(staff('school_admin'), 'member.create', { ...ownSchool, role: 'guardian' })).toBe(false);
    expect(can(staff('school_admin'), 'member.create', { ...ownSchool, role: 'bureau' })).toBe(false);
    expect(can(staff('school_admin'), 'member.create', ownSchool)).toBe(false);
    expect(can(staff('care_teacher'), 'member.create', { ...ownSchool, role: 'care_teacher' })).toBe(false);
  });

  it('lets only the school admin of the school unlock its people’s sign-in (issue 13.5)', () => {
    expect(can(staff('school_admin'), 'member.unlock', ownSchool)).toBe(true);
    expect(can(staff('school_admin'), 'member.unlock', otherSchool)).toBe(false);
    expect(can(bureau(county), 'member.unlock', ownSchool)).toBe(false);
    for (const role of ['care_teacher', 'duty_chief', 'gate_guard'] as const)
      expect(can(staff(role), 'member.unlock', ownSchool), role).toBe(false);
    expect(can(guardian, 'member.unlock', ownSchool)).toBe(false);
  });

  it('keeps school staff to their own school', () => {
    for (const role of ['school_admin', 'care_teacher', 'duty_chief', 'gate_guard'] as const) {
      expect(can(staff(role), 'school.read', ownSchool), role).toBe(true);
      expect(can(staff(role), 'school.read', otherSchool), role).toBe(false);
    }
    expect(can(staff('school_admin'), 'school.update', ownSchool)).toBe(true);
    expect(can(staff('care_teacher'), 'school.update', ownSchool)).toBe(false);
    expect(can(staff('gate_guard'), 'student.list', ownSchool)).toBe(false);
  });

  it('lets a guardian read only their own children', () => {
    expect(can(guardian, 'student.read', { ...ownSchool, studentId: 'kid1' })).toBe(true);
    expect(can(guardian, 'student.read', { ...ownSchool, studentId: 'kid2' })).toBe(false);
    expect(can(guardian, 'student.read', { ...otherSchool, studentId: 'kid1' })).toBe(false);
    expect(can(guardian, 'student.list', ownSchool)).toBe(false);
  });

  it('unites several memberships (a teacher who is also a guardian)', () => {
    const both: Actor = {
      userId: 'u',
      memberships: [...staff('care_teacher').memberships, ...guardian.memberships],
    };
    expect(can(both, 'student.read', { ...ownSchool, studentId: 'kid1' })).toBe(true);
    expect(can(both, 'school.update', ownSchool)).toBe(false);
  });

  it('lets a school admin read the policy of its county and city, never of another region', () => {
    expect(can(staff('school_admin'), 'policy.read', { regionPath: county })).toBe(true);
    expect(can(staff('school_admin'), 'policy.read', { regionPath: city })).toBe(true);
    expect(can(staff('school_admin'), 'policy.read', { regionPath: otherCounty })).toBe(false);
    expect(can(staff('school_admin'), 'policy.write', { regionPath: county })).toBe(false);
    expect(can(staff('care_teacher'), 'policy.read', { regionPath: county })).toBe(false);
    expect(can(guardian, 'term.read', { regionPath: county })).toBe(false);
  });

  it('keeps plan writing to the school admin and review to the bureau above the school', () => {
    expect(can(staff('school_admin'), 'plan.write', ownSchool)).toBe(true);
    expect(can(staff('school_admin'), 'plan.review', ownSchool)).toBe(false);
    expect(can(bureau(county), 'plan.review', ownSchool)).toBe(true);
    expect(can(bureau(county), 'plan.write', ownSchool)).toBe(false);
    expect(can(bureau(county), 'plan.review', otherSchool)).toBe(false);
    expect(can(staff('duty_chief'), 'plan.read', ownSchool)).toBe(false);
  });

  it('lists scopes per action', () => {
    expect(listScope(bureau(city), 'school.read')).toEqual({ regionPaths: [city], schoolIds: [] });
    expect(listScope(staff('school_admin'), 'audit.read')).toEqual({ regionPaths: [], schoolIds: ['s1'] });
    expect(listScope(staff('care_teacher'), 'audit.read')).toEqual({ regionPaths: [], schoolIds: [] });
    expect(listScope(guardian, 'school.read')).toEqual({ regionPaths: [], schoolIds: ['s1'] });
  });
});
