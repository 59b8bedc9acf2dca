import { useSignedIn } from '../session/auth';
import { usesConsole } from '../session/roles';
import { ConsoleLayout } from './console-layout';
import { PhoneLayout } from './phone-layout';

/** /account keeps the look of the role in use: the console at a desk, the phone pages otherwise. */
export function AccountLayout() {
  const { active } = useSignedIn();
  return active && usesConsole(active.role) ? <ConsoleLayout /> : <PhoneLayout />;
}
