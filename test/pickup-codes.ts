// Pickup codes made as the guardian's page makes them (a nonce, the code derived with the tests'
// secret, its hash stored: issue 13.8), for tests that need a code without opening the page.
import type { Db } from '../src/db/connect.js';
import { pickupCodes } from '../src/db/schema.js';
import { type CodeOwner, PickupCodeKey } from '../src/server/features/departure/pickup-code-key.js';

// The server secret of every test app and bench (issue 13.8): fixed, so that fixtures can make codes
// the app recognises.
export const TEST_SECRET = Buffer.from('kehou-test-secret-not-for-production-use-0123456789');

export const testCodes = new PickupCodeKey(TEST_SECRET);

// Stores a code of the day for the child and returns its six digits (drawn again on a collision).
export async function giveCode(db: Db, owner: CodeOwner): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const fresh = testCodes.issue(owner);
    const [made] = await db
      .insert(pickupCodes)
      .values({
        schoolId: owner.schoolId,
        serviceDate: owner.date,
        studentId: owner.studentId,
        codeHash: fresh.codeHash,
        nonce: fresh.nonce,
      })
      .onConflictDoNothing()
      .returning({ studentId: pickupCodes.studentId });
    if (made) return fresh.code;
  }
  throw new Error('no free pickup code after 20 draws');
}
