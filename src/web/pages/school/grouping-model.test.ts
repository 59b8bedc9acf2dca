import { describe, expect, it } from 'vitest';
import type { GroupingView } from '../../api/grouping-queries';
import {
  addGroup,
  dayQuota,
  draftFrom,
  liveProblems,
  moveChildren,
  toSaveInput,
  unplacedOn,
} from './grouping-model';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function view(): GroupingView {
  const children = Array.from({ length: 32 }, (_, i) => ({
    enrollmentId: uuid(i + 1),
    studentId: uuid(i + 101),
    studentNo: `S${i}`,
    name: `学生${i}`,
    grade: 1,
    className: '1年级1班',
    weekdays: [1, 2],
  }));
  const member = (c: (typeof children)[number]) => ({
    enrollmentId: c.enrollmentId,
    studentId: c.studentId,
    studentNo: c.studentNo,
    name: c.name,
    grade: c.grade,
    className: c.className,
    status: 'enrolled' as const,
    withdrawnFrom: null,
  });
  return {
    school: { id: uuid(900), code: '1', name: '测试小学' },
    term: {
      id: uuid(901),
      code: 't',
      name: '学期',
      firstDay: '2026-09-01',
      lastDay: '2027-01-22',
      periodFrom: '2026-11-30',
      periodTo: '2027-01-22',
    },
    plan: {
      planId: uuid(902),
      noticeVersion: 1,
      weekdays: [1, 2],
      venues: [{ id: 'v1', name: '阅览室', capacity: 30 }],
      activities: [],
    },
    policy: {
      version: 1,
      studentsPerTeacher: 30,
      studentsPerManager: 90,
      teacherRounding: 'floor',
      managerRounding: 'floor',
    },
    staff: [{ id: uuid(800), name: '陈老师', kind: 'teacher', weekdays: [1, 2, 3, 4, 5], assignable: true }],
    children,
    groups: [1, 2].map((weekday) => ({
      id: uuid(700 + weekday),
      key: uuid(700 + weekday),
      weekday,
      name: '一组',
      grades: [1],
      venueId: 'v1',
      teacherStaffId: uuid(800),
      members: children.slice(0, 30).map(member),
    })),
    days: [],
    problems: [],
    saved: true,
    scope: 'school',
  };
}

describe('grouping editor model', () => {
  it('moves children between groups of one day and out of every group', () => {
    const v = view();
    let draft = draftFrom(v);
    expect(unplacedOn(v, draft, 1)).toEqual([uuid(31), uuid(32)]);
    draft = addGroup(draft, 1, '新班组');
    const added = draft.at(-1);
    expect(added?.name).toBe('新班组1');
    draft = moveChildren(draft, 1, [uuid(1), uuid(31)], added?.key ?? null);
    expect(added && draft.find((g) => g.key === added.key)?.memberIds).toEqual([uuid(1), uuid(31)]);
    expect(draft[0]?.memberIds).not.toContain(uuid(1));
    // Tuesday is untouched.
    expect(draft[1]?.memberIds).toContain(uuid(1));
    draft = moveChildren(draft, 1, [uuid(1)], null);
    expect(unplacedOn(v, draft, 1)).toEqual([uuid(1), uuid(32)]);
    const body = toSaveInput(draft);
    expect(body.groups[0]).toMatchObject({ id: uuid(701), weekday: 1, venueId: 'v1' });
    expect(body.groups[2]).not.toHaveProperty('id');
  });

  it('names the problems, and counts the quota of B 五(三) live', () => {
    const v = view();
    let draft = draftFrom(v);
    // 31 in a room for 30, one child twice, one left out.
    draft = moveChildren(draft, 1, [uuid(31)], draft[0]?.key ?? null);
    const problems = liveProblems(v, draft).filter((p) => p.weekday === 1);
    const over = problems.find((p) => p.code === 'venue_over_capacity');
    expect(over?.message.zh).toContain('阅览室');
    expect(over?.clause).toBe('A 三.4');
    const missing = problems.find((p) => p.code === 'child_missing');
    expect(missing?.message.zh).toContain('学生31（1年级1班）');
    expect(dayQuota(v, draft, 1)).toMatchObject({ children: 32, teachersRequired: 1, teachersAssigned: 1 });
    draft = draftFrom(v).map((g) => ({ ...g, teacherStaffId: null }));
    const shortfall = liveProblems(v, draft).find((p) => p.code === 'quota_shortfall');
    expect(shortfall?.clause).toBe('B 五(三)');
  });
});
