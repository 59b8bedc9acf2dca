import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { loggable } from './errors.js';

describe('what the log keeps of a failed query (issue 13.4)', () => {
  it('keeps the query and the database’s reason, never the parameters (personal data)', () => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: '22021',
    });
    const error = new DrizzleQueryError(
      'select * from users where phone = $1',
      ['13800001234', '王小明'],
      cause,
    );
    expect(error.message).toContain('13800001234');
    const kept = JSON.stringify(loggable(error));
    expect(kept).toContain('select * from users where phone = $1');
    expect(kept).toContain('22021');
    expect(kept).not.toContain('13800001234');
    expect(kept).not.toContain('王小明');
  });
  it('keeps any other error as it is', () => {
    const error = new Error('boom');
    expect(loggable(error)).toEqual({ err: error });
  });
});
