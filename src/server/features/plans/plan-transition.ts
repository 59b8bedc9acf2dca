// Optimistic concurrency and status checks shared by the plan writes. Every write names the revision
// it saw; the revision counts saved changes of the content, so a submission, return or approval acts
// on exactly the content its author read (B 六(五) 审定 what was submitted).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/connect.js';
import { plans } from '../../../db/schema.js';
import {
  nextStatus,
  type PlanAction,
  type PlanStatus,
  statusesAllowing,
} from '../../../domain/plan-workflow.js';
import { AppError } from '../../errors.js';
import type { PlanRow } from './plan-setting.js';

const WRONG_STATUS: Record<PlanAction, { zh: string; en: string }> = {
  save: {
    zh: '方案已提交或已审定，不能修改（已审定的方案请先重新修订）',
    en: 'A submitted or approved plan cannot be changed (reopen an approved plan to amend it)',
  },
  submit: { zh: '只有草稿或已退回的方案可以提交', en: 'Only a draft or a returned plan can be submitted' },
  return: { zh: '只有已提交的方案可以退回', en: 'Only a submitted plan can be returned' },
  approve: { zh: '只有已提交的方案可以审定', en: 'Only a submitted plan can be approved' },
  reopen: { zh: '只有已审定的方案可以重新修订', en: 'Only an approved plan can be reopened' },
};

// `current`: the revision now stored, so that the page can tell how far behind it is.
export function planChanged(current?: number): AppError {
  return new AppError('PLAN_CHANGED', current === undefined ? {} : { details: { revision: current } });
}

// The status the action leads to; refuses a stale revision or a status the action is not open to.
export function checkTransition(plan: PlanRow, action: PlanAction, revision: number): PlanStatus {
  const next = nextStatus(plan.status, action);
  if (next === null) {
    const m = WRONG_STATUS[action];
    throw new AppError('PLAN_WRONG_STATUS', {
      zh: m.zh,
      en: m.en,
      details: { status: plan.status, allowed: [...statusesAllowing(action)] },
    });
  }
  if (plan.revision !== revision) throw planChanged(plan.revision);
  return next;
}

// Updates the plan only if nobody changed it since it was read (same revision, a status the action is
// open to); inside the caller's transaction, so the row stays locked until its history and audit
// entries are written.
export async function updatePlanIfUnchanged(
  tx: Pick<Db, 'update'>,
  plan: PlanRow,
  action: PlanAction,
  set: Partial<typeof plans.$inferInsert>,
): Promise<PlanRow> {
  const [row] = await tx
    .update(plans)
    .set(set)
    .where(
      and(
        eq(plans.schoolId, plan.schoolId),
        eq(plans.planId, plan.planId),
        eq(plans.revision, plan.revision),
        inArray(plans.status, [...statusesAllowing(action)]),
      ),
    )
    .returning();
  if (!row) throw planChanged();
  return row;
}
