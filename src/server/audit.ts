// F-26 audit log: every change records who, what, when and from where. The table is append-only
// (a trigger refuses UPDATE, DELETE and TRUNCATE).

import type { Db } from '../db/connect.js';
import { auditLog } from '../db/schema.js';
import type { RequestMeta } from './context.js';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  objectType: string;
  objectId?: string | null;
  schoolId?: string | null;
  regionId?: string | null;
  details?: Record<string, unknown>;
  at?: Date;
}

// Pass the transaction when the change is in one, so that the change and its record commit together.
export async function recordAudit(
  db: Pick<Db, 'insert'>,
  meta: RequestMeta,
  entry: AuditEntry,
): Promise<void> {
  await db.insert(auditLog).values({
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
  });
}
