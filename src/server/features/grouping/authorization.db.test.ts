// The grouping's authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import { cases, prepare } from './authorization-cases.js';
import type { Extra } from './test-fixture.js';

describeMatrix<Extra>('grouping authorization', cases, prepare);
