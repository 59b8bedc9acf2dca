// Staffing quota (F-08), B 五(三): 按每班30名以上学生配1名教师，每90名学生加配1名管理人员.
//
// Read as: the enrolled children form groups (班) of at least 30 where the head-count allows, each
// with one teacher, so teachers = floor(n / 30) but at least 1 once anyone is enrolled (29 children
// are one group, 59 are one group of 59, 60 are two groups of 30); and one more manager for every
// full 90 children, managers = floor(n / 90). The ratios and their rounding are region parameters
// (一县一策); 'ceil' reads a ratio as "at most this many per teacher or manager" instead.

import type { QuotaRounding, StaffingRatios } from './policy.js';

export interface StaffingQuota {
  teachers: number;
  managers: number;
}

function divide(students: number, ratio: number, rounding: QuotaRounding): number {
  return rounding === 'ceil' ? Math.ceil(students / ratio) : Math.floor(students / ratio);
}

export function staffingQuota(students: number, ratios: StaffingRatios): StaffingQuota {
  if (!Number.isSafeInteger(students) || students < 0)
    throw new RangeError(`students must be a whole number ≥ 0: ${students}`);
  for (const ratio of [ratios.studentsPerTeacher, ratios.studentsPerManager])
    if (!Number.isSafeInteger(ratio) || ratio < 1)
      throw new RangeError(`a staffing ratio must be ≥ 1: ${ratio}`);
  if (students === 0) return { teachers: 0, managers: 0 };
  return {
    // B 五(三) 按每班30名以上学生配1名教师: every group has its teacher, so never fewer than one.
    teachers: Math.max(1, divide(students, ratios.studentsPerTeacher, ratios.teacherRounding)),
    // B 五(三) 每90名学生加配1名管理人员: in addition to the teachers.
    managers: divide(students, ratios.studentsPerManager, ratios.managerRounding),
  };
}

// How far a staff list falls short of the quota (0 when it is met).
export function staffingShortfall(
  quota: StaffingQuota,
  staff: { teachers: number; managers: number },
): StaffingQuota {
  return {
    teachers: Math.max(0, quota.teachers - staff.teachers),
    managers: Math.max(0, quota.managers - staff.managers),
  };
}
