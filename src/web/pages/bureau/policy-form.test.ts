import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../domain/policy';
import { translate } from '../../i18n/i18n';
import {
  formatPolicyValue,
  formToPolicy,
  hoursToMinutes,
  policyToForm,
  toTenths,
  yuanToFen,
} from './policy-form';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('zh-CN', key, params);

describe('the policy form', () => {
  it('shows tenths and fen as people write them, and gives the policy back', () => {
    const policy = defaultPolicy('pilot-4');
    const values = policyToForm(policy);
    expect(values.minClassHoursPerDay).toBe(1.5);
    expect(values.feePerClassHourYuan).toBe(50);
    expect(values.feeClassHoursPerDay).toBe(1.5);
    expect(formToPolicy(values)).toEqual(policy);
    expect(formToPolicy(policyToForm(defaultPolicy('5+2')))).toEqual(defaultPolicy('5+2'));
  });

  it('converts without floating-point drift', () => {
    expect(toTenths(1.5)).toBe(15);
    expect(toTenths(2.3)).toBe(23);
    expect(yuanToFen(50)).toBe(5000);
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1234.56)).toBe(123456);
    expect(toTenths(null)).toBeNaN();
  });

  it('formats values for the change list', () => {
    expect(formatPolicyValue('minClassHoursPerDayTenths', 15, 'zh-CN', t)).toBe('1.5 课时');
    expect(formatPolicyValue('feePerClassHourFen', 5000, 'zh-CN', t)).toBe('¥50.00');
    expect(formatPolicyValue('servedGrades', [1, 2], 'zh-CN', t)).toBe('一至二年级');
    expect(
      formatPolicyValue('forbiddenKinds', ['collective_tutoring', 'new_lesson_teaching'], 'zh-CN', t),
    ).toBe('集体补课、新课教学');
    expect(formatPolicyValue('model', '5+2', 'zh-CN', t)).toBe('“5+2”模式（C）');
    expect(formatPolicyValue('endTimes.summer', '18:00', 'zh-CN', t)).toBe('18:00');
  });

  it('shows the weekly limit in hours and the make-up rule in words (issue 14.6, 14.17)', () => {
    const values = policyToForm(defaultPolicy('pilot-4'));
    expect(values.staffWeeklyLimitHours).toBe(8);
    expect(values.makeUpWorkdays).toEqual({ rule: 'plan_chooses', byDefault: 'not_served' });
    expect(formToPolicy({ ...values, staffWeeklyLimitHours: 7.5 }).staffWeeklyLimitMinutes).toBe(450);
    expect(hoursToMinutes(null)).toBeNaN();
    expect(formatPolicyValue('staffWeeklyLimitMinutes', 480, 'zh-CN', t)).toBe('8 小时/周');
    expect(formatPolicyValue('makeUpWorkdays.rule', 'plan_chooses', 'zh-CN', t)).toBe('由各校方案选择');
    expect(formatPolicyValue('makeUpWorkdays.byDefault', 'served', 'zh-CN', t)).toBe('服务');
  });
});
