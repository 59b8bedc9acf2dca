// Schools of compulsory education (义务教育): primary (grades 1–6), junior middle (grades 7–9, 初一至
// 初三), and nine-year schools (1–9). Grades are numbered 1–9 across both stages.

export type SchoolType = 'primary' | 'junior_middle' | 'nine_year';

export const GRADE_RANGE: Record<SchoolType, readonly [number, number]> = {
  primary: [1, 6],
  junior_middle: [7, 9],
  nine_year: [1, 9],
};

export type GradesProblem = 'empty' | 'outside_type' | 'duplicate';

export function gradesProblem(type: SchoolType, grades: readonly number[]): GradesProblem | null {
  if (grades.length === 0) return 'empty';
  if (new Set(grades).size !== grades.length) return 'duplicate';
  const [low, high] = GRADE_RANGE[type];
  if (grades.some((g) => !Number.isInteger(g) || g < low || g > high)) return 'outside_type';
  return null;
}

export const gradesProblemMessages: Record<GradesProblem, { zh: string; en: string }> = {
  empty: { zh: '至少选择一个年级', en: 'Choose at least one grade' },
  duplicate: { zh: '年级重复', en: 'A grade is listed twice' },
  outside_type: {
    zh: '年级与学校类型不符（小学 1–6 年级，初中 7–9 年级，九年一贯制 1–9 年级）',
    en: 'A grade does not fit the school type (primary 1–6, junior middle 7–9, nine-year 1–9)',
  },
};

export type RegionLevel = 'province' | 'city' | 'county';

// The level a region's children have: a province has cities, a city has counties (and districts,
// 区, which are county-level), a county has none.
export function childLevel(level: RegionLevel): RegionLevel | null {
  if (level === 'province') return 'city';
  if (level === 'city') return 'county';
  return null;
}
