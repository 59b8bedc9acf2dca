// Grouping benchmark (F-08: "grouping 3,000 children takes well under a second"). A plain script:
//   npx tsx bench/grouping.bench.ts
// It prints the figures and asserts nothing about time, so a slow machine never fails a build.

import type { Weekday } from '../src/domain/dates.js';
import {
  type GroupingChild,
  type GroupingInput,
  type GroupingStaff,
  proposeGroups,
} from '../src/domain/grouping.js';
import { defaultPolicy } from '../src/domain/policy.js';

const CHILDREN = 3_000;
const VENUES = 40;
const STAFF = 120;
const RUNS = 15;
const BUDGET_MS = 1_000;
const WEEK: Weekday[] = [1, 2, 3, 4, 5];

// A fixed-seed generator, so every run groups the same school.
let seed = 20_240_901;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
// Most children come every day; some skip one or two days.
const someDays = (): Weekday[] => WEEK.filter(() => random() < 0.8);

const children: GroupingChild[] = Array.from({ length: CHILDREN }, (_, i) => {
  const grade = between(1, 6);
  return {
    id: `s${String(i).padStart(5, '0')}`,
    grade,
    classId: `${grade}-${between(1, 12)}`,
    weekdays: someDays(),
  };
});
const venues = Array.from({ length: VENUES }, (_, i) => ({ id: `room-${i}`, capacity: between(45, 90) }));
const staff: GroupingStaff[] = Array.from({ length: STAFF }, (_, i) => ({
  id: `staff-${String(i).padStart(3, '0')}`,
  role: i % 5 === 4 ? 'manager' : 'teacher',
  weekdays: someDays(),
}));
const input: GroupingInput = {
  children,
  venues,
  staff,
  ratios: defaultPolicy('5+2').staffing,
  options: {
    gradeBands: [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
  },
};

proposeGroups(input); // warm-up (JIT)
const times: number[] = [];
let result = proposeGroups(input);
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  result = proposeGroups(input);
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? 0;
const median = at(0.5);
const p95 = at(0.95);
const placements = result.groups.reduce((n, g) => n + g.childIds.length, 0);
const byCode = new Map<string, number>();
for (const p of result.problems) byCode.set(p.code, (byCode.get(p.code) ?? 0) + 1);

console.log(`proposeGroups: ${CHILDREN} children (grades 1–6, 5 weekdays), ${VENUES} venues, ${STAFF} staff`);
console.log(`runs            ${RUNS} (after 1 warm-up), node ${process.version}`);
console.log(`median          ${median.toFixed(2)} ms`);
console.log(`p95             ${p95.toFixed(2)} ms`);
console.log(
  `children/s      ${Math.round(CHILDREN / (median / 1_000)).toLocaleString('en')} (at the median)`,
);
console.log(
  `budget ratio    ${(median / BUDGET_MS).toFixed(4)} of ${BUDGET_MS} ms at the median, ${(p95 / BUDGET_MS).toFixed(4)} at p95`,
);
console.log(`output          ${result.groups.length} groups, ${placements} child-days placed`);
console.log(`problems        ${[...byCode].map(([code, n]) => `${code} ${n}`).join(', ') || 'none'}`);
