// Validation messages in Chinese with English beside them, for every Zod schema of the server.
import { z } from 'zod';

const zh = z.locales.zhCN().localeError;
const en = z.locales.en().localeError;

function text(result: ReturnType<typeof zh>): string {
  if (typeof result === 'string') return result;
  return result?.message ?? '';
}

z.config({
  localeError: (issue) => `${text(zh(issue))} / ${text(en(issue))}`,
});
