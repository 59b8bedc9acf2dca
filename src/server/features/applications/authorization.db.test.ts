// The applications' authorization matrix; the cases, and who may do what, are in
// authorization-cases.ts.
import { describeMatrix } from '../../../../test/authorization.js';
import { cases, prepare } from './authorization-cases.js';

describeMatrix('applications (F-06)', cases, prepare);
