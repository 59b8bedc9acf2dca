// Labor fees for after-school service (F-22), in integer fen, never floating point.
// B 五(三): 每周4天，每天计1.5课时(课后服务不计入教师教学工作量)，每课时劳务费50元，每学期按实际
// 实施天数计算，对参与"课后服务活动"的教师和管理人员予以发放劳务费.
// Class hours are counted in tenths (1.5 → 15), so every product stays an exact integer.

import type { RegionPolicy } from './policy.js';

export type FeePolicy = Pick<RegionPolicy, 'feePerClassHourFen' | 'feeClassHoursPerDayTenths'>;

function assertCount(name: string, value: number) {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${name} must be a whole number ≥ 0: ${value}`);
}

// B 五(三) 每天计1.5课时: class hours (tenths) one staff member is credited for the days served.
export function laborClassHoursTenths(days: number, policy: FeePolicy): number {
  assertCount('days', days);
  return days * policy.feeClassHoursPerDayTenths;
}

// B 五(三) 每课时劳务费50元，每学期按实际实施天数计算: one staff member's fee for the days served.
// With the defaults it is exactly 7,500 fen a day. Should a region's numbers make a day's fee a
// fraction of a fen, the term total is rounded half up once, never per day.
export function laborFeeFen(days: number, policy: FeePolicy): number {
  const tenthFen = laborClassHoursTenths(days, policy) * policy.feePerClassHourFen;
  if (!Number.isSafeInteger(tenthFen)) throw new RangeError('labor fee too large');
  return Math.floor(tenthFen / 10) + (tenthFen % 10 >= 5 ? 1 : 0);
}

export interface ProjectedLaborCost {
  days: number;
  staff: number;
  classHoursTenthsPerStaff: number;
  feePerStaffFen: number;
  totalFen: number;
}

// What a plan would cost if every listed staff member served every planned service day — the
// figure the plan page shows; the payroll uses the days actually served.
export function projectedLaborCost(
  plan: { plannedDays: number; staffCount: number },
  policy: FeePolicy,
): ProjectedLaborCost {
  assertCount('staffCount', plan.staffCount);
  const feePerStaffFen = laborFeeFen(plan.plannedDays, policy);
  return {
    days: plan.plannedDays,
    staff: plan.staffCount,
    classHoursTenthsPerStaff: laborClassHoursTenths(plan.plannedDays, policy),
    feePerStaffFen,
    totalFen: feePerStaffFen * plan.staffCount,
  };
}

// 7500 → '75.00' (yuan, for labels and sheets).
export function formatFenAsYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
