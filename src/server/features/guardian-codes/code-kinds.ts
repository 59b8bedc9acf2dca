// login_codes holds two kinds of one-time code: sign-in codes (F-27, for accounts without a
// password) and unlock codes (issue 13.5, which lift a sign-in lock and sign nobody in). An unlock
// code's stored hash starts with `unlock:`; every reader picks its own kind, so that an unlock code
// can never be used to sign in.
import { like, notLike } from 'drizzle-orm';
import { loginCodes } from '../../../db/schema.js';

export const UNLOCK_HASH_PREFIX = 'unlock:';
export const signInCodesOnly = notLike(loginCodes.codeHash, `${UNLOCK_HASH_PREFIX}%`);
export const unlockCodesOnly = like(loginCodes.codeHash, `${UNLOCK_HASH_PREFIX}%`);

// Looked up for an identifier that names no account, so that both cases run the same statements.
export const NO_USER = '00000000-0000-0000-0000-000000000000';
