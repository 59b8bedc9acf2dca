import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules.js';

describe('password rules', () => {
  it('needs at least 10 characters, counting characters not bytes', () => {
    expect(passwordProblem('Abc-12345')).toBe('too_short');
    expect(passwordProblem('Abc-123456')).toBeNull();
    expect(passwordProblem('课后服务平台安全密码好')).toBeNull();
    expect(passwordProblem('课后服务平台安全密码')).toBeNull();
    expect(passwordProblem('课后服务平台安全密')).toBe('too_short');
  });

  it('refuses common and monotonous passwords, whatever the case', () => {
    for (const p of [
      '1234567890',
      'QWERTYUIOP',
      'woaini1314',
      'Password123',
      'aaaaaaaaaa',
      '9876543210',
      'abcdefghijk',
    ]) {
      expect(passwordProblem(p), p).toBe('common');
    }
  });

  it('refuses the account’s own name or phone inside the password', () => {
    expect(passwordProblem('teacher.li2026', { username: 'teacher.li' })).toBe('same_as_account');
    expect(passwordProblem('x13800138000', { phone: '13800138000' })).toBe('same_as_account');
    expect(passwordProblem('Li-Garden-2026', { username: 'li' })).toBeNull();
  });

  it('caps the length', () => {
    expect(passwordProblem('a'.repeat(129))).toBe('too_long');
  });
});
