import type { Membership } from '../../api/types';

// The gate pages live under each staff role's own home: the gate guard's, the duty chief's and the
// care teacher's (limited by the server to the groups they lead).
export function gateBase(role: Membership['role']): '/gate' | '/duty' | '/teacher' {
  if (role === 'duty_chief') return '/duty';
  if (role === 'care_teacher') return '/teacher';
  return '/gate';
}
