import { z } from 'zod';
import { gradesProblem, gradesProblemMessages, type SchoolType } from '../../../domain/school.js';
import { officePhone, text } from '../../schemas.js';

export const schoolTypeSchema = z.enum(['primary', 'junior_middle', 'nine_year']);

export const schoolSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: schoolTypeSchema,
  regionId: z.uuid(),
  regionName: z.string(),
  grades: z.array(z.number().int()),
  teacherCount: z.number().int(),
  studentCount: z.number().int(),
  studentsOnRecord: z.number().int(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});
export type School = z.infer<typeof schoolSchema>;

// 学校标识码: the 10-digit code of the national education statistics.
export const schoolCode = z
  .string()
  .trim()
  .regex(/^\d{10}$/, { message: '学校标识码为 10 位数字 / The school code has 10 digits' });

const headCount = z.number().int().min(0).max(100_000);
const grades = z.array(z.number().int().min(1).max(9)).min(1).max(9);

export const createSchoolBody = z
  .strictObject({
    code: schoolCode,
    name: text(60),
    type: schoolTypeSchema,
    grades,
    teacherCount: headCount,
    studentCount: headCount,
    address: text(120).nullable().optional(),
    phone: officePhone.nullable().optional(),
  })
  .superRefine((body, ctx) => checkGrades(body.type, body.grades, ctx));
export type CreateSchoolBody = z.infer<typeof createSchoolBody>;

export const updateSchoolBody = z
  .strictObject({
    name: text(60).optional(),
    grades: grades.optional(),
    teacherCount: headCount.optional(),
    studentCount: headCount.optional(),
    address: text(120).nullable().optional(),
    phone: officePhone.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: '没有要修改的内容 / Nothing to change' });
export type UpdateSchoolBody = z.infer<typeof updateSchoolBody>;

export function checkGrades(type: SchoolType, values: number[], ctx: z.RefinementCtx): void {
  const problem = gradesProblem(type, values);
  if (problem) {
    const m = gradesProblemMessages[problem];
    ctx.addIssue({ code: 'custom', path: ['grades'], message: `${m.zh} / ${m.en}` });
  }
}
