// Who is in charge of the children (issue 14.5): one source of truth, in one place.
//
// - The plan (一校一案, F-02, approved by the bureau, B 六(五)) states the INTENDED groups, their
//   teachers and the staff the school will put in charge. Before anything else is saved, it is all
//   there is, and the public notice shows it.
// - Once the school saves the grouping (编班, F-08: `service_groups`), the grouping is who leads each
//   group on each weekday: A 三.1 看护人员对被看护学生承担安全直接责任 — the person who has the children
//   is the one the grouping names, and the roll call, the roster and the gate follow it.
// - Once the school saves the duty rota (F-10: `duty_assignments`), the rota is who is the duty chief
//   (A 三.6 值日总护导) and the managers (B 五(三) 管理人员) of each weekday.
//
// The public notice (F-05, B 五(一) 服务公示) shows what is in force by this rule (`inCharge`), so parents
// are told the people who actually have their children; the plan check (plan-check.ts) reports each
// place where the plan says otherwise, so the school amends its plan and the bureau sees it.
// Pure: the server loads the saved grouping and rota and hands them here.

import type { Weekday } from './dates.js';
import type { TermPlan } from './plan.js';

export interface Person {
  id: string;
  name: string;
}

// A group of the saved grouping, with its leader's name from the staff records.
export interface SavedGroup {
  weekday: Weekday;
  name: string;
  grades: number[];
  // A venue id of the plan (the grouping places groups in the plan's venues).
  venueId: string | null;
  leader: Person | null;
}

export interface SavedDuty {
  weekday: Weekday;
  duty: 'duty_chief' | 'manager';
  person: Person;
}

// What the school has saved for the term; empty lists: nothing saved yet.
export interface SavedArrangement {
  groups: readonly SavedGroup[];
  duties: readonly SavedDuty[];
}

export interface InChargeGroup {
  name: string;
  grades: number[];
  venue: string | null;
  leader: string | null;
}

export interface InChargeDay {
  weekday: Weekday;
  groups: InChargeGroup[];
  // From the rota; null / empty before it is saved.
  dutyChief: string | null;
  managers: string[];
}

export interface InCharge {
  // Where the groups and their leaders come from: the saved grouping, or the plan until there is one.
  groupsFrom: 'grouping' | 'plan';
  // Whether a duty rota is saved.
  rotaSaved: boolean;
  days: InChargeDay[];
}

const servedWeekdays = (plan: TermPlan): Weekday[] =>
  [...new Set(plan.weekdays)].filter((w) => Number.isInteger(w) && w >= 1 && w <= 7).sort((a, b) => a - b);

// The groups and people in charge on each weekday the plan serves, by the rule above.
export function inCharge(plan: TermPlan, saved: SavedArrangement | null): InCharge {
  const venueName = new Map(plan.venues.map((v) => [v.id, v.name]));
  const staffName = new Map(plan.staff.map((p) => [p.id, p.name]));
  const groups = saved?.groups ?? [];
  const duties = saved?.duties ?? [];
  const groupsFrom = groups.length > 0 ? 'grouping' : 'plan';
  const days = servedWeekdays(plan).map((weekday) => {
    const dayGroups: InChargeGroup[] =
      groupsFrom === 'grouping'
        ? groups
            .filter((g) => g.weekday === weekday)
            .map((g) => ({
              name: g.name,
              grades: [...g.grades].sort((a, b) => a - b),
              venue: g.venueId === null ? null : (venueName.get(g.venueId) ?? null),
              leader: g.leader?.name ?? null,
            }))
        : plan.groups.map((g) => ({
            name: g.name,
            grades: [...g.grades].sort((a, b) => a - b),
            venue: g.venueId ? (venueName.get(g.venueId) ?? null) : null,
            leader: g.teacherId ? (staffName.get(g.teacherId) ?? null) : null,
          }));
    const today = duties.filter((d) => d.weekday === weekday);
    return {
      weekday,
      groups: dayGroups,
      dutyChief: today.find((d) => d.duty === 'duty_chief')?.person.name ?? null,
      managers: today.filter((d) => d.duty === 'manager').map((d) => d.person.name),
    };
  });
  return { groupsFrom, rotaSaved: duties.length > 0, days };
}

// The leaders of the saved groups in a venue on a weekday (who is with the children of a session held
// there), or null when no grouping is saved.
export function leadersAt(
  saved: SavedArrangement | null,
  weekday: Weekday,
  venueId: string,
): string[] | null {
  const groups = saved?.groups ?? [];
  if (groups.length === 0) return null;
  return [
    ...new Set(
      groups
        .filter((g) => g.weekday === weekday && g.venueId === venueId && g.leader !== null)
        .map((g) => (g.leader as Person).name),
    ),
  ];
}

export type ArrangementDisagreement =
  // The saved grouping has a different number of groups than the plan on these weekdays.
  | { kind: 'group-count'; weekdays: Weekday[]; planned: number; saved: number }
  // A saved group's leader is not among the plan's staff.
  | { kind: 'leader-not-in-plan'; person: Person; groups: { weekday: Weekday; name: string }[] }
  // A teacher the plan puts at the head of a group leads no saved group.
  | { kind: 'plan-teacher-leads-none'; person: Person; planGroup: string }
  // A manager of the rota is not among the plan's staff (B 五(三) 管理人员 are the plan's to count).
  | { kind: 'manager-not-in-plan'; person: Person; weekdays: Weekday[] };

// Each place where the plan's groups and staff disagree with the saved grouping and rota. Nothing
// before the grouping is saved (the plan is then all there is); managers only once the rota is.
export function arrangementDisagreements(
  plan: TermPlan,
  saved: SavedArrangement | null,
): ArrangementDisagreement[] {
  const out: ArrangementDisagreement[] = [];
  const groups = saved?.groups ?? [];
  const planStaff = new Map(plan.staff.map((p) => [p.id, p.name]));
  if (groups.length > 0) {
    // Group counts, the weekdays with the same saved count together.
    const byCount = new Map<number, Weekday[]>();
    for (const weekday of servedWeekdays(plan)) {
      const n = groups.filter((g) => g.weekday === weekday).length;
      if (n !== plan.groups.length) byCount.set(n, [...(byCount.get(n) ?? []), weekday]);
    }
    for (const [n, weekdays] of byCount)
      out.push({ kind: 'group-count', weekdays, planned: plan.groups.length, saved: n });

    const leaders = new Map<string, { person: Person; groups: { weekday: Weekday; name: string }[] }>();
    for (const g of [...groups].sort((a, b) => a.weekday - b.weekday || a.name.localeCompare(b.name))) {
      if (!g.leader) continue;
      const entry = leaders.get(g.leader.id) ?? { person: g.leader, groups: [] };
      entry.groups.push({ weekday: g.weekday, name: g.name });
      leaders.set(g.leader.id, entry);
    }
    for (const [id, entry] of leaders)
      if (!planStaff.has(id)) out.push({ kind: 'leader-not-in-plan', ...entry });
    for (const g of plan.groups) {
      if (!g.teacherId || leaders.has(g.teacherId)) continue;
      const name = planStaff.get(g.teacherId);
      if (name !== undefined)
        out.push({ kind: 'plan-teacher-leads-none', person: { id: g.teacherId, name }, planGroup: g.name });
    }
  }
  const managers = new Map<string, { person: Person; weekdays: Weekday[] }>();
  for (const d of saved?.duties ?? []) {
    if (d.duty !== 'manager' || planStaff.has(d.person.id)) continue;
    const entry = managers.get(d.person.id) ?? { person: d.person, weekdays: [] };
    if (!entry.weekdays.includes(d.weekday)) entry.weekdays.push(d.weekday);
    managers.set(d.person.id, entry);
  }
  for (const entry of managers.values())
    out.push({ kind: 'manager-not-in-plan', ...entry, weekdays: entry.weekdays.sort((a, b) => a - b) });
  return out;
}
