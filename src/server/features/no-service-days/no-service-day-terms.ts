import type { Db } from '../../../db/connect.js';
import { AppError } from '../../errors.js';
import { applicableTerms, type TermRow } from '../terms/use-cases.js';

// A school's no-service day lies within a term that applies to it: outside every term it would
// concern no plan, and is most likely a typing mistake.
export async function termContaining(db: Db, regionPath: string, date: string): Promise<TermRow> {
  const term = (await applicableTerms(db, regionPath)).find((t) => t.firstDay <= date && date <= t.lastDay);
  if (!term) {
    const zh = '该日期不在本校适用的任何学期之内';
    const en = 'The date is not within a term that applies to the school';
    throw new AppError('VALIDATION_FAILED', {
      zh,
      en,
      details: { fields: [{ path: 'params.date', message: `${zh} / ${en}` }] },
    });
  }
  return term;
}
