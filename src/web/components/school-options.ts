import { GRADE_RANGE } from '../../domain/school';
import { SCHOOL_TYPES, type SchoolType } from '../api/types';
import { gradeName, type Lang } from '../i18n/format';
import type { TFunction } from '../i18n/i18n';
import { schoolTypeLabel } from '../i18n/labels';

export const ALL_GRADES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** The grades a school of this type may have (the same rule the server applies): 小学 1–6, 初中 7–9, 九年一贯制 1–9. */
export function gradesOfType(type: SchoolType): number[] {
  const [low, high] = GRADE_RANGE[type];
  return ALL_GRADES.filter((grade) => grade >= low && grade <= high);
}

export function gradeOptions(lang: Lang, grades: readonly number[] = ALL_GRADES) {
  return grades.map((grade) => ({ value: grade, label: gradeName(grade, lang) }));
}

export function schoolTypeOptions(t: TFunction) {
  return SCHOOL_TYPES.map((type) => ({ value: type, label: schoolTypeLabel(t, type) }));
}
