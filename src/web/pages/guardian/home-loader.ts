// The guardian home's route loader (issue 14.10): on entering /guardian, the home's two reads and its
// code are asked for at once, beside the phone layout's, instead of one after the other. Imported by
// routes.tsx, so it stays free of antd and of the page itself (only a dynamic import of it).
import { prefetch } from '../../api/prefetch';

let entered = false;

export function guardianHomeLoader(): null {
  // Once per page load: later visits find the answers in the query cache.
  if (!entered) {
    entered = true;
    prefetch('/api/guardian/children'); // useGuardianChildren
    prefetch('/api/guardian/applications'); // useGuardianApplications
  }
  void import('./guardian-home');
  return null;
}
