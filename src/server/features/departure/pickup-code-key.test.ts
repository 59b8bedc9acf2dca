import { describe, expect, it } from 'vitest';
import { PickupCodeKey, sameHash } from './pickup-code-key.js';

const key = new PickupCodeKey(Buffer.from('kehou-unit-test-secret-0123456789abcdef'));
const owner = {
  schoolId: '00000000-0000-4000-8000-000000000001',
  date: '2026-11-30',
  studentId: '00000000-0000-4000-8000-000000000002',
};

describe('pickup codes derived from the server secret (issue 13.8)', () => {
  it('derive six digits from the nonce, the same every time, and store only their hash', () => {
    const issued = key.issue(owner);
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(key.code(owner, issued.nonce)).toBe(issued.code);
    expect(key.derives(owner, issued)).toBe(issued.code);
    expect(issued.codeHash).toHaveLength(32);
  });

  it('differ by secret, school, day and child; a hash holds for its school and day only', () => {
    const { nonce, code, codeHash } = key.issue(owner);
    const other = new PickupCodeKey(Buffer.from('another-secret-of-enough-length-0123456'));
    expect(other.derives(owner, { nonce, codeHash })).toBeNull();
    expect(sameHash(key.hash({ ...owner, date: '2026-12-01' }, code), codeHash)).toBe(false);
    expect(sameHash(key.hash({ ...owner, schoolId: owner.studentId }, code), codeHash)).toBe(false);
    expect(sameHash(key.hash(owner, code), codeHash)).toBe(true);
    // Over many nonces the digits spread over the whole range.
    const firsts = new Set(Array.from({ length: 400 }, () => key.issue(owner).code[0]));
    expect(firsts.size).toBe(10);
  });
});
