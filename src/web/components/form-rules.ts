import type { FormRule } from 'antd';
import type { MessageKey, TFunction } from '../i18n/i18n';

// Client-side checks only spare the user a round trip; the server checks everything again.

/** Accounts: passwords of at least 10 characters (the server refuses shorter ones with WEAK_PASSWORD). */
export const MIN_PASSWORD_LENGTH = 10;

/** A mainland mobile number: 11 digits starting 13–19 (the server's rule). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Usernames start with a letter: 3–32 letters, digits, `_`, `.` or `-` (the server's rule). */
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/;

/** 行政区划代码 (GB/T 2260): 6 digits. */
export const REGION_CODE_PATTERN = /^\d{6}$/;

/** 学校标识码 of the national education statistics: 10 digits. */
export const SCHOOL_CODE_PATTERN = /^\d{10}$/;

export function requiredRule(t: TFunction, labelKey: MessageKey): FormRule {
  return { required: true, whitespace: true, message: t('common.required', { label: t(labelKey) }) };
}

/** A required whole number (head-counts): the type matters, or the check reads the number as a string. */
export function requiredNumberRule(t: TFunction, labelKey: MessageKey): FormRule {
  return { required: true, type: 'integer', message: t('common.required', { label: t(labelKey) }) };
}

export function requiredSelectRule(t: TFunction, labelKey: MessageKey): FormRule {
  return { required: true, message: t('common.selectRequired', { label: t(labelKey) }) };
}

export function passwordRules(t: TFunction, labelKey: MessageKey): FormRule[] {
  return [
    { required: true, message: t('common.required', { label: t(labelKey) }) },
    { min: MIN_PASSWORD_LENGTH, message: t('form.passwordMin', { min: MIN_PASSWORD_LENGTH }) },
  ];
}

/** The confirmation must repeat the field at `passwordField`. */
export function confirmPasswordRules(
  t: TFunction,
  labelKey: MessageKey,
  passwordField: string | (string | number)[],
): FormRule[] {
  return [
    { required: true, message: t('common.required', { label: t(labelKey) }) },
    ({ getFieldValue }) => ({
      validator: (_, value: unknown) =>
        !value || value === getFieldValue(passwordField)
          ? Promise.resolve()
          : Promise.reject(new Error(t('form.passwordMismatch'))),
    }),
  ];
}

export function mobileRule(t: TFunction): FormRule {
  return { pattern: MOBILE_PATTERN, message: t('form.phoneInvalid') };
}

export function usernameRule(t: TFunction): FormRule {
  return { pattern: USERNAME_PATTERN, message: t('form.usernameInvalid') };
}
