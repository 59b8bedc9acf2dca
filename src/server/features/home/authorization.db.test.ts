// The home summaries' authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import type { DailyMatrixExtra } from '../../../../test/daily-world.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix<DailyMatrixExtra>('home summaries', cases, prepare);
