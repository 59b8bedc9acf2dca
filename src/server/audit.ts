// F-26 audit log: every change records who, what, when and from where. The table is append-only
// (a trigger refuses UPDATE, DELETE and TRUNCATE).

import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.js';
import { auditLog } from '../db/schema.js';
import type { AuditAction } from '../domain/audit-actions.js';
import type { RequestMeta } from './context.js';

// What the jobs record as: no person, no address, no device (the audit page shows 系统 / System).
export const SYSTEM_META: RequestMeta = { ip: null, userAgent: null };

export interface AuditEntry {
  // Null for the system (a job), never for a person.
  actorUserId: string | null;
  // Only actions of the catalogue, each with words on the audit page (src/domain/audit-actions.ts).
  action: AuditAction;
  objectType: string;
  objectId?: string | null;
  schoolId?: string | null;
  regionId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

function auditRow(meta: RequestMeta, entry: AuditEntry) {
  return {
    at: entry.at ?? new Date(),
    actorUserId: entry.actorUserId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId ?? null,
    scopeSchoolId: entry.schoolId ?? null,
    scopeRegionId: entry.regionId ?? null,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 400) ?? null,
    details: entry.details ?? null,
  };
}

// Pass the transaction when the change is in one, so that the change and its record commit together.
export async function recordAudit(
  db: Pick<Db, 'insert'>,
  meta: RequestMeta,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values(auditRow(meta, entry));
}

// The same record as one statement, for a writer that sends it inside its own change's statement
// (`appendDayEvents`' `also`: the gate's call, release and custody add no round trip for their
// record). Its text never varies, so it may be part of a named prepared statement.
export function auditStatement(meta: RequestMeta, entry: AuditEntry): SQL {
  const row = auditRow(meta, entry);
  return sql`insert into audit_log (at, actor_user_id, action, object_type, object_id, scope_school_id,
      scope_region_id, ip, user_agent, details)
    values (${row.at.toISOString()}::timestamptz, ${row.actorUserId}::uuid, ${row.action}, ${row.objectType},
      ${row.objectId}, ${row.scopeSchoolId}::uuid, ${row.scopeRegionId}::uuid, ${row.ip}::inet,
      ${row.userAgent}, ${row.details === null ? null : JSON.stringify(row.details)}::jsonb)`;
}
