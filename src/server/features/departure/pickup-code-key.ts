// Pickup codes are never stored (issue 13.8). A child's code of a day is six digits derived from the
// server secret, the school, the day, the child and a random nonce; the database keeps the nonce and
// the code's HMAC-SHA256 under the secret (school, day, code), by which the gate finds the child in
// one indexed look-up. The guardian's page derives the digits again from the nonce. Without the
// secret, a copy of the database (a backup, a stolen disk, a read-only SQL account) yields no code:
// the hash of a six-digit code cannot be searched without the key. Why derived rather than kept
// encrypted for display: docs/architecture.md "Pickup codes".
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { PICKUP_CODE_DIGITS } from '../../../domain/departure.js';

export const NONCE_BYTES = 16;

export interface CodeOwner {
  schoolId: string;
  date: string;
  studentId: string;
}

export class PickupCodeKey {
  readonly #key: Buffer;

  constructor(secret: Buffer) {
    // A key of its own for pickup codes, so the server secret can serve other purposes later.
    this.#key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kehou pickup codes v1', 32));
  }

  newNonce(): Buffer {
    return randomBytes(NONCE_BYTES);
  }

  // The six digits of the child's code for this nonce: uniform enough (48 bits reduced mod 10⁶).
  code(owner: CodeOwner, nonce: Buffer): string {
    const mac = createHmac('sha256', this.#key)
      .update(`code\0${owner.schoolId}\0${owner.date}\0${owner.studentId}\0`)
      .update(nonce)
      .digest();
    const n = mac.readUIntBE(0, 6) % 10 ** PICKUP_CODE_DIGITS;
    return String(n).padStart(PICKUP_CODE_DIGITS, '0');
  }

  // What is stored and looked up: the code's HMAC within its school and day.
  hash(where: { schoolId: string; date: string }, code: string): Buffer {
    return createHmac('sha256', this.#key).update(`hash\0${where.schoolId}\0${where.date}\0${code}`).digest();
  }

  // A fresh nonce with its code and hash, for a new row or a new draw after a collision.
  issue(owner: CodeOwner): { nonce: Buffer; code: string; codeHash: Buffer } {
    const nonce = this.newNonce();
    const code = this.code(owner, nonce);
    return { nonce, code, codeHash: this.hash(owner, code) };
  }

  // The stored row still belongs to this secret (false after the secret changed: a restore on
  // another deployment, a new KEHOU_SECRET); compared in constant time.
  derives(owner: CodeOwner, row: { nonce: Buffer; codeHash: Buffer }): string | null {
    const code = this.code(owner, row.nonce);
    return sameHash(this.hash(owner, code), row.codeHash) ? code : null;
  }
}

// Compared in full whatever the first difference, so the time taken tells nothing.
export function sameHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
