// Zod schemas shared by several features. Request bodies are strict: an unknown field is an error
// that names it, never silently dropped.
import { z } from 'zod';

export const errorResponse = z.object({
  error: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const uuidParam = z.uuid();

// C0 controls other than tab, newline and carriage return, and DEL.
function hasControlCharacters(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

// Free text from people: trimmed, no control characters, bounded. HTML is stored as typed and is
// escaped where shown (React does it), never rendered raw.
export const text = (max = 100) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v), {
      message: '含有不允许的控制字符 / Contains control characters',
    });

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

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

// One masking rule for the whole platform (138****8000), from the domain.
export { maskPhone } from '../domain/phone.js';
