// The sign-in codes' authorization matrix; the cases, and who may do what, are in
// authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import { cases, type Extra, prepare } from './authorization-cases.js';

describeMatrix<Extra>('guardian sign-in codes', cases, prepare);
