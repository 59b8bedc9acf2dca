import type { Gender, Membership, RegionLevel, Role, SchoolType } from '../api/types';
import { isMessageKey, type TFunction } from './i18n';

// Names for the codes the API sends. Codes the UI does not know (a newer server) show as-is.

export function roleLabel(t: TFunction, role: Role): string {
  return t(`role.${role}`);
}

export function schoolTypeLabel(t: TFunction, type: SchoolType): string {
  return t(`schoolType.${type}`);
}

export function regionLevelLabel(t: TFunction, level: RegionLevel): string {
  return t(`regionLevel.${level}`);
}

export function genderLabel(t: TFunction, gender: Gender): string {
  return t(`gender.${gender}`);
}

function lookup(t: TFunction, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : code;
}

export function relationLabel(t: TFunction, relation: string): string {
  return lookup(t, 'relation.', relation);
}

export function auditActionLabel(t: TFunction, action: string): string {
  return lookup(t, 'audit.action.', action);
}

export function objectTypeLabel(t: TFunction, objectType: string): string {
  return lookup(t, 'audit.objectType.', objectType);
}

/** The audit actions offered in the filter: the ones the UI has names for. */
export const KNOWN_AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.password_changed',
  'school.create',
  'school.update',
  'member.create',
  'setup.complete',
] as const;

/** `学校管理员 · 实验小学`: which hat the user wears, and where. */
export function membershipLabel(t: TFunction, membership: Membership): string {
  const scope = membership.schoolName ?? membership.regionName;
  const role = roleLabel(t, membership.role);
  return scope ? t('user.membershipLabel', { role, scope }) : role;
}
