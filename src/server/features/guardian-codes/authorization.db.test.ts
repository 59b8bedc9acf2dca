// The sign-in codes' authorization matrix; the cases, and who may do what, are in
// authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import { type Classes, cases, prepare } from './authorization-cases.js';

describeMatrix<Classes>('guardian sign-in codes', cases, prepare);
