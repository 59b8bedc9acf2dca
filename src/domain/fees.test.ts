import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFenAsYuan, laborClassHoursTenths, laborFeeFen, projectedLaborCost } from './fees.js';
import { defaultPolicy } from './policy.js';

const pilot = defaultPolicy('pilot-4');

describe('labor fees, B 五(三) 每天计1.5课时…每课时劳务费50元，每学期按实际实施天数计算', () => {
  it('pays 7,500 fen a day with the defaults', () => {
    expect(laborFeeFen(0, pilot)).toBe(0);
    expect(laborFeeFen(1, pilot)).toBe(7_500);
    expect(laborFeeFen(2, pilot)).toBe(15_000);
    expect(laborFeeFen(68, pilot)).toBe(510_000); // a term of 17 weeks × 4 days: 5,100 yuan
    expect(laborClassHoursTenths(68, pilot)).toBe(1_020); // 102 class hours
  });

  it('is exact for any count of days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (days) => {
        const fee = laborFeeFen(days, pilot);
        expect(Number.isInteger(fee)).toBe(true);
        expect(fee).toBe(days * 7_500);
        expect(laborFeeFen(days + 1, pilot) - fee).toBe(7_500);
      }),
    );
  });

  it('rounds a region’s fractional fen once on the total, half up', () => {
    const odd = { feePerClassHourFen: 3_333, feeClassHoursPerDayTenths: 15 }; // 4,999.5 fen a day
    expect(laborFeeFen(1, odd)).toBe(5_000);
    expect(laborFeeFen(2, odd)).toBe(9_999);
    expect(laborFeeFen(3, odd)).toBe(14_999); // 14,998.5 → 14,999, not 3 × 5,000
  });

  it('counts 2 class hours a day for 5+2 by default', () => {
    expect(laborFeeFen(1, defaultPolicy('5+2'))).toBe(10_000);
  });

  it('projects a plan’s cost for its planned days and staff', () => {
    expect(projectedLaborCost({ plannedDays: 70, staffCount: 4 }, pilot)).toEqual({
      days: 70,
      staff: 4,
      classHoursTenthsPerStaff: 1_050,
      feePerStaffFen: 525_000,
      totalFen: 2_100_000,
    });
  });

  it('refuses counts that are not whole numbers', () => {
    expect(() => laborFeeFen(-1, pilot)).toThrow(RangeError);
    expect(() => laborFeeFen(1.5, pilot)).toThrow(RangeError);
    expect(() => projectedLaborCost({ plannedDays: 3, staffCount: -2 }, pilot)).toThrow(RangeError);
  });

  it('shows fen as yuan', () => {
    expect(formatFenAsYuan(7_500)).toBe('75.00');
    expect(formatFenAsYuan(5)).toBe('0.05');
    expect(formatFenAsYuan(-1_234)).toBe('-12.34');
  });
});
