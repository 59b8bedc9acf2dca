// Zod schemas shared by several features. Request bodies are strict: an unknown field is an error
// that names it, never silently dropped.
import { z } from 'zod';
import { type TextProblem, textProblem } from '../domain/text.js';

export const errorResponse = z.object({
  error: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const uuidParam = z.uuid();

// domain/text.ts's rule, its problems told in both languages.
const TEXT_PROBLEMS: Record<TextProblem, string> = {
  control: '含有不允许的控制字符 / Contains control characters',
  invalid: '含有无法识别的字符（不是有效的 UTF-8 文本）/ Contains characters that are not valid UTF-8 text',
  bidi: '含有改变文字方向的隐藏字符 / Contains hidden characters that change the text direction',
  invisible: '没有可见的文字 / Contains no visible character',
};

function checked(schema: z.ZodString, multiline: boolean) {
  return schema.superRefine((value, ctx) => {
    const problem = textProblem(value, { multiline });
    if (problem) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEMS[problem] });
  });
}

// Free text from people on one line (names, titles, identifiers): trimmed, bounded, and by the one
// text rule. HTML is stored as typed and is escaped where shown (React does it), never rendered raw.
export const text = (max = 100) => checked(z.string().trim().min(1).max(max), false);

// Free text that may run over several lines (reasons, notes, comments): tab and line breaks allowed.
export const multilineText = (max: number) => checked(z.string().trim().min(1).max(max), true);

// A typed string that may be empty (a search, an identifier checked further by its use case).
export const typedString = (max: number) => checked(z.string().trim().max(max), false);

// Mainland mobile numbers: 11 digits starting with 1.
export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, {
    message: '请输入 11 位手机号 / Enter an 11-digit mobile number',
  });

// Office phones as schools write them: 0755-12345678, 020-1234567-801, or a mobile.
export const officePhone = z
  .string()
  .trim()
  .regex(/^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|400-?\d{3}-?\d{4})$/, {
    message: '请输入有效的电话号码，如 0755-12345678 / Enter a valid phone number, e.g. 0755-12345678',
  });

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, {
    message:
      '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符 / Username: 3–32 letters, digits, _ . -, starting with a letter',
  });

export const roleSchema = z.enum([
  'bureau',
  'school_admin',
  'care_teacher',
  'duty_chief',
  'gate_guard',
  'guardian',
]);

// A whole number in a query string: a missing parameter is told as missing (coercing it gave "expected
// number, received NaN"), a wrong one with its range. Optional or defaulted with .optional()/.default().
export const queryInteger = (min: number, max: number) => {
  const range = `应为 ${min} 到 ${max} 之间的整数 / Must be a whole number from ${min} to ${max}`;
  return z
    .string({
      error: (issue) => (issue.input === undefined ? '缺少此参数 / This parameter is missing' : range),
    })
    .regex(/^-?\d{1,15}$/, { message: range })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: range }).max(max, { message: range }));
};

export const pageQuery = {
  page: queryInteger(1, 100_000).default(1),
  pageSize: queryInteger(1, 200).default(20),
};

// One masking rule for the whole platform (138****8000), from the domain.
export { maskPhone } from '../domain/phone.js';
