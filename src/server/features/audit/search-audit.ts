// F-26: the audit log, searchable by admins within their scope: what was done to their school or
// region, and what their own people did (logins included). Each entry's target is resolved to words
// in the same statement as the page of entries (issue 13.9): one query, however many entries.
import { and, count, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import { auditLog } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, listScope, loadSchoolScope } from '../../policies/authorize.js';
import type { ListScope } from '../../policies/policy.js';
import type { AuditListEntry, AuditQuery, AuditTarget } from './schemas.js';

const uuidList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

function regionSubtree(paths: string[]): SQL {
  return sql.join(
    paths.map((p) => sql`(r.path = ${p} or r.path like ${`${p}/%`})`),
    sql` or `,
  );
}

// Entries about a school or region in scope, or made by a person who belongs to one.
function scopeFilter(scope: ListScope): SQL {
  const parts: SQL[] = [];
  if (scope.schoolIds.length > 0) {
    const ids = uuidList(scope.schoolIds);
    parts.push(sql`${auditLog.scopeSchoolId} in (${ids})`);
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from school_memberships m where m.school_id in (${ids}) and m.role <> 'guardian')`,
    );
  }
  if (scope.regionPaths.length > 0) {
    const inRegion = regionSubtree(scope.regionPaths);
    parts.push(sql`${auditLog.scopeRegionId} in (select r.id from regions r where ${inRegion})`);
    parts.push(
      sql`${auditLog.scopeSchoolId} in (select s.school_id from schools s join regions r on r.id = s.region_id where ${inRegion})`,
    );
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from region_memberships m join regions r on r.id = m.region_id where ${inRegion})`,
    );
    parts.push(
      sql`${auditLog.actorUserId} in (select m.user_id from school_memberships m join schools s on s.school_id = m.school_id join regions r on r.id = s.region_id where m.role <> 'guardian' and (${inRegion}))`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

// Start of a Shanghai calendar day as an instant.
function shanghaiMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

const UUID_TEXT = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
// A text of the entry as a uuid, or null (object ids of days and sign-in names are not uuids).
const asUuid = (text: SQL) => sql`case when ${text} ~* ${UUID_TEXT} then (${text})::uuid end`;
const studentJson = sql`json_build_object('kind', 'student', 'name', s.name, 'grade', c.grade, 'className', c.name)`;
const studentJoin = sql`students s join classes c on c.school_id = s.school_id and c.class_id = s.class_id`;
const dateJson = (date: SQL) =>
  sql`case when ${date} is not null then json_build_object('kind', 'date', 'date', ${date}) end`;

// The target of each kind of object (every `objectType` the app records; another shows no target).
const TARGET = sql`case a.object_type
  when 'student' then (select ${studentJson} from ${studentJoin}
    where s.school_id = a.scope_school_id and s.student_id = k.oid)
  when 'application' then (select ${studentJson} from applications ap join ${studentJoin}
      on s.school_id = ap.school_id and s.student_id = ap.student_id
    where ap.school_id = a.scope_school_id and ap.application_id = k.oid)
  when 'leave_request' then (select ${studentJson} from ${studentJoin}
    where s.school_id = a.scope_school_id and s.student_id = k.sid)
  when 'pickup_person' then (select json_build_object('kind', 'pickup_person', 'name', p.name,
      'relation', p.relation, 'student', s.name)
    from pickup_persons p left join students s on s.school_id = p.school_id and s.student_id = p.student_id
    where p.school_id = a.scope_school_id and p.person_id = k.oid)
  when 'user' then (select json_build_object('kind', 'person', 'name', u2.display_name) from users u2
    where u2.id = k.oid)
  when 'staff' then (select json_build_object('kind', 'person', 'name', st.name) from staff st
    where st.school_id = a.scope_school_id and st.staff_id = k.oid)
  when 'responsibility_letter' then (select json_build_object('kind', 'person', 'name', st.name)
    from responsibility_letters l join staff st on st.school_id = l.school_id and st.staff_id = l.staff_id
    where l.school_id = a.scope_school_id and l.letter_id = k.oid)
  when 'login' then json_build_object('kind', 'login', 'name', a.object_id)
  when 'school' then (select json_build_object('kind', 'school', 'name', sc.name) from schools sc
    where sc.school_id = k.oid)
  when 'region' then (select json_build_object('kind', 'region', 'name', rg.name) from regions rg
    where rg.id = k.oid)
  when 'plan' then (select json_build_object('kind', 'plan', 'school', sc.name, 'term', t.name)
    from plans pl join schools sc on sc.school_id = pl.school_id join terms t on t.term_id = pl.term_id
    where pl.school_id = a.scope_school_id and pl.plan_id = k.oid)
  when 'term' then (select json_build_object('kind', 'term', 'name', t.name) from terms t where t.term_id = k.oid)
  when 'rota' then (select json_build_object('kind', 'term', 'name', t.name) from terms t where t.term_id = k.oid)
  when 'grouping' then (select json_build_object('kind', 'term', 'name', t.name) from terms t where t.term_id = k.oid)
  when 'roster' then (select json_build_object('kind', 'roster', 'term', t.name,
      'weekday', case when jsonb_typeof(a.details->'weekday') = 'number' then (a.details->>'weekday')::int end,
      'group', (select g.name from service_groups g where g.school_id = a.scope_school_id and g.group_id = k.gid))
    from terms t where t.term_id = k.oid)
  when 'policy_version' then (select json_build_object('kind', 'policy_version', 'region', rg.name,
      'version', pv.version)
    from policy_versions pv join regions rg on rg.id = pv.region_id where pv.version_id = k.oid)
  when 'handover' then (select json_build_object('kind', 'handover', 'date', h.service_date, 'stage', h.stage,
      'group', g.name)
    from handovers h left join service_groups g on g.school_id = h.school_id and g.group_id = h.group_id
    where h.school_id = a.scope_school_id and h.handover_id = k.oid)
  when 'gate_visit' then (select json_build_object('kind', 'visitor', 'name', v.visitor_name, 'date', v.visit_date)
    from gate_visits v where v.school_id = a.scope_school_id and v.visit_id = k.oid)
  when 'day' then ${dateJson(sql`a.details->>'date'`)}
  when 'pickup_code' then ${dateJson(sql`a.details->>'date'`)}
  when 'no_service_day' then ${dateJson(sql`a.object_id`)}
  when 'calendar_day' then ${dateJson(sql`a.object_id`)}
end`;

export async function searchAudit(
  ctx: ActorContext,
  query: AuditQuery,
): Promise<{ items: AuditListEntry[]; total: number }> {
  let scope: ListScope;
  if (query.schoolId) {
    const school = await loadSchoolScope(ctx.db, query.schoolId);
    authorize(ctx.actor, 'audit.read', { regionPath: school.regionPath, schoolId: query.schoolId });
    scope = { regionPaths: [], schoolIds: [query.schoolId] };
  } else {
    scope = listScope(ctx.actor, 'audit.read');
    if (scope.regionPaths.length === 0 && scope.schoolIds.length === 0) throw new AppError('FORBIDDEN');
  }
  const conditions: SQL[] = [scopeFilter(scope)];
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.from) conditions.push(gte(auditLog.at, shanghaiMidnight(query.from)));
  if (query.to) {
    conditions.push(lt(auditLog.at, new Date(shanghaiMidnight(query.to).getTime() + 24 * 3600 * 1000)));
  }
  const where = and(...conditions) as SQL;
  const [totalRow] = await ctx.db.select({ total: count() }).from(auditLog).where(where);
  const rows = await ctx.db.execute<{
    id: number | string;
    at: Date | string;
    actor_name: string | null;
    action: string;
    object_type: string;
    object_id: string | null;
    target: AuditTarget | null;
    school_name: string | null;
    ip: string | null;
    device: string | null;
    release: AuditListEntry['release'];
  }>(sql`
    select a.id, a.at, u.display_name as actor_name, a.action, a.object_type, a.object_id,
      coalesce(sc.name, rg.name) as school_name, host(a.ip) as ip,
      coalesce(a.details->>'deviceId', a.user_agent) as device, x.target,
      case when a.action = 'departure.release' then jsonb_build_object('method', a.details->'method',
        'identityCheck', coalesce(a.details->'identityCheck', 'null'::jsonb),
        'early', coalesce(a.details->'early', 'null'::jsonb)) end as release
    from (select * from audit_log where ${where}
          order by at desc, id desc limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}) a
    left join users u on u.id = a.actor_user_id
    left join schools sc on sc.school_id = a.scope_school_id
    left join regions rg on rg.id = a.scope_region_id
    cross join lateral (select ${asUuid(sql`a.object_id`)} as oid,
      ${asUuid(sql`a.details->>'studentId'`)} as sid,
      ${asUuid(sql`a.details->>'groupId'`)} as gid) k
    cross join lateral (select ${TARGET} as target) x
    order by a.at desc, a.id desc`);
  return {
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      target: r.target,
      schoolName: r.school_name,
      ip: r.ip,
      device: r.device,
      release: r.release,
    })),
    total: totalRow?.total ?? 0,
  };
}
