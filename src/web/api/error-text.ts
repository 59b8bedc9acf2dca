import type { FormInstance } from 'antd';
import { useCallback } from 'react';
import type { Lang } from '../i18n/format';
import { type TFunction, useI18n } from '../i18n/i18n';
import { ApiError, pickLanguage } from './client';

/** The message to show for a failed call, in the UI language. */
export function errorText(error: unknown, lang: Lang, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t('common.networkError');
    const message = error.localizedMessage(lang);
    if (message) return message;
  }
  return t('common.unknownError');
}

export function useErrorText(): (error: unknown) => string {
  const { lang, t } = useI18n();
  return useCallback((error: unknown) => errorText(error, lang, t), [lang, t]);
}

/** `admin.password`, `/admin/password` and `body.admin.password` all name the form field `admin.password`. */
function normalisePath(path: string): string {
  return path
    .replace(/^\/+/, '')
    .replaceAll('/', '.')
    .replace(/^body\./, '');
}

/**
 * Puts the server's per-field messages (`details.fields`) under the matching form inputs.
 * Returns the messages that matched no input, for the caller to show above the form.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, lang: Lang): string[] {
  if (!(error instanceof ApiError) || error.fields.length === 0) return [];
  const registered = new Map(
    form.getFieldsError().map((field) => [field.name.map(String).join('.'), field.name] as const),
  );
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const unmatched: string[] = [];
  for (const field of error.fields) {
    const message = pickLanguage(field.message, lang);
    const name = registered.get(normalisePath(field.path));
    if (!name) {
      unmatched.push(message);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}

/**
 * Shows a failed submit: each field message goes under its input; returns the text for an alert
 * above the form, or null when every message already sits under an input.
 */
export function formFailure(
  form: FormInstance,
  error: unknown,
  lang: Lang,
  t: TFunction,
  /** Error codes that are about one field, like `{ SCHOOL_CODE_TAKEN: 'code' }`. */
  codeFields: Record<string, string | (string | number)[]> = {},
): string | null {
  if (error instanceof ApiError && error.fields.length === 0) {
    const name = codeFields[error.code];
    if (name !== undefined) {
      form.setFields([{ name, errors: [errorText(error, lang, t)] }]);
      return null;
    }
  }
  const unmatched = applyFieldErrors(form, error, lang);
  const matched = error instanceof ApiError ? error.fields.length - unmatched.length : 0;
  if (matched > 0 && unmatched.length === 0) return null;
  return [errorText(error, lang, t), ...unmatched].join(' ');
}
