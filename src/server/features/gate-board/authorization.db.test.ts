// The gate board's authorization matrix; the cases, and who may do what, are in authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix('gate board', cases, prepare);
