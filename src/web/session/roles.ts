import type { Role } from '../api/types';

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  bureau: '/bureau',
  school_admin: '/school',
  care_teacher: '/teacher',
  duty_chief: '/duty',
  gate_guard: '/gate',
  guardian: '/guardian',
};

/** Roles that work at a desk get the console; everyone else gets the phone pages. */
export function usesConsole(role: Role): boolean {
  return role === 'bureau' || role === 'school_admin';
}

/** A `next` target after login must be a path inside this app, never another site. */
export function safeNextPath(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/setup')) return null;
  return next;
}
