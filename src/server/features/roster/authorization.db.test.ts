// The roster's authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import type { Extra } from '../grouping/test-fixture.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix<Extra>('roster authorization', cases, prepare);
