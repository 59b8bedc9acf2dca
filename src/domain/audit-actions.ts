// Every action the audit log records (F-26), in one list: `recordAudit` takes only these, and the
// audit page has words for each in both languages (src/web/i18n/audit.ts; the tests
// src/server/audit-actions.test.ts and src/web/i18n/audit.test.ts fail for an action without them).
// A new audited action is added here first.
export const AUDIT_ACTIONS = [
  // accounts and sign-in
  'setup.complete',
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.throttled',
  'auth.logout',
  'auth.password_changed',
  'auth.code_login',
  'auth.code_login_failed',
  'auth.first_password',
  'auth.unlock',
  'auth.unlock_failed',
  'login_code.issue',
  'unlock_code.issue',
  'member.create',
  // regions, schools, policy, calendar, terms
  'region.create',
  'school.create',
  'school.update',
  'policy.create_version',
  'calendar.set',
  'calendar.remove',
  'term.create',
  'term.update',
  // the school's plan and service days
  'plan.create',
  'plan.save',
  'plan.submit',
  'plan.return',
  'plan.approve',
  'plan.reopen',
  'no_service_day.set',
  'no_service_day.remove',
  // people and lists
  'import.students',
  'import.staff',
  'export.students',
  'export.staff',
  'staff.create',
  'staff.update',
  'staff.archive',
  'staff.letter.upload',
  'rota.save',
  'grouping.save',
  'roster.export',
  'roster.print',
  // enrollment
  'application.submit',
  'application.record_paper',
  'application.approve',
  'application.waitlist',
  'application.withdraw',
  'pickup_person.add',
  'pickup_person.remove',
  'pickup_person.photo',
  // the day
  'leave.request',
  'leave.cancel',
  'handover.record',
  'gate_visit.in',
  'gate_visit.out',
  'day.close',
  // the gate (issue 13.9)
  'pickup.code_view',
  'pickup.code_wrong',
  'departure.call',
  'departure.release',
  'departure.custody',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
