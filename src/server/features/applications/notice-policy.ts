// The region policy a published notice was approved under (the plan's pinned version, F-01): what an
// application is checked against beyond the notice itself — who may leave alone, the seasons.
import type { Db } from '../../../db/connect.js';
import type { RegionPolicy } from '../../../domain/policy.js';
import { policyVersionForTerm } from '../plans/plan-setting.js';
import type { TermNotice } from './application-setting.js';

export async function noticePolicy(db: Db, notice: TermNotice): Promise<RegionPolicy> {
  const version = await policyVersionForTerm(
    db,
    notice.school.regionPath,
    notice.term,
    notice.policyVersionId,
  );
  return version.policy;
}
