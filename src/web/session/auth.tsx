import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/queries';
import type { Membership, Role, Session } from '../api/types';
import { PageError, PageSpin } from '../components/page-state';
import { ForbiddenPage } from '../components/status-pages';

// A user may hold several memberships (a teacher who is also a guardian). The one in use is kept
// per user in localStorage, so a reload or a new tab opens the same role.

const STORAGE_KEY = 'kehou.membership';

interface StoredChoice {
  userId: string;
  membershipId: string;
}

function readChoice(): StoredChoice | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'userId' in parsed &&
      'membershipId' in parsed &&
      typeof parsed.userId === 'string' &&
      typeof parsed.membershipId === 'string'
    ) {
      return { userId: parsed.userId, membershipId: parsed.membershipId };
    }
  } catch {
    // Unreadable storage: use the first membership.
  }
  return null;
}

function writeChoice(choice: StoredChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // The choice then lasts for this page only.
  }
}

interface AuthValue {
  session: Session | null;
  /** The membership in use; null when signed out or when the user has none. */
  active: Membership | null;
  setActiveMembership: (membershipId: string) => void;
  /** Set while the user signs out on purpose, so the login page is not told to return to this page. */
  signingOut: boolean;
  setSigningOut: (value: boolean) => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const sessionQuery = useSession();
  const session = sessionQuery.data ?? null;
  const [choice, setChoice] = useState<StoredChoice | null>(readChoice);

  const active = useMemo(() => {
    if (!session) return null;
    const chosen =
      choice?.userId === session.user.id
        ? session.memberships.find((m) => m.id === choice.membershipId)
        : undefined;
    return chosen ?? session.memberships[0] ?? null;
  }, [session, choice]);

  const userId = session?.user.id ?? null;
  const setActiveMembership = useCallback(
    (membershipId: string) => {
      if (!userId) return;
      const next = { userId, membershipId };
      setChoice(next);
      writeChoice(next);
    },
    [userId],
  );

  const [signingOut, setSigningOut] = useState(false);
  useEffect(() => {
    if (session) setSigningOut(false);
  }, [session]);

  const value = useMemo(
    () => ({ session, active, setActiveMembership, signingOut, setSigningOut }),
    [session, active, setActiveMembership, signingOut],
  );

  if (sessionQuery.isPending) return <PageSpin />;
  if (sessionQuery.isError && !session) {
    return <PageError error={sessionQuery.error} onRetry={() => sessionQuery.refetch()} />;
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in session, for pages that only render behind <RequireSession> or <RequireRole>. */
export function useSignedIn(): { session: Session; active: Membership | null } {
  const { session, active } = useAuth();
  if (!session) throw new Error('useSignedIn used outside a signed-in route');
  return { session, active };
}

/** The membership in use, for pages that only render behind <RequireRole>. */
export function useActiveMembership(): Membership {
  const { active } = useAuth();
  if (!active) throw new Error('useActiveMembership used outside a role route');
  return active;
}

function LoginRedirect() {
  const location = useLocation();
  const { signingOut } = useAuth();
  if (signingOut) return <Navigate to="/login" replace />;
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
}

// F-27: an account signed in with a one-time code sets its password before anything else.
function FirstPasswordRedirect() {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return <Navigate to={`/first-password?next=${encodeURIComponent(next)}`} replace />;
}

export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  if (!session) return <LoginRedirect />;
  if (session.user.mustSetPassword) return <FirstPasswordRedirect />;
  return children;
}

/**
 * Renders its children with a membership of `membershipRole` in use. Opening another role's page (a bookmark,
 * a shared link) switches to the user's membership of that role if they have one; otherwise 403.
 */
export function RequireRole({ membershipRole, children }: { membershipRole: Role; children: ReactNode }) {
  const { session, active, setActiveMembership } = useAuth();
  const target =
    active?.role === membershipRole ? active : session?.memberships.find((m) => m.role === membershipRole);

  useEffect(() => {
    if (target && target.id !== active?.id) setActiveMembership(target.id);
  }, [target, active, setActiveMembership]);

  if (!session) return <LoginRedirect />;
  if (session.user.mustSetPassword) return <FirstPasswordRedirect />;
  if (!target) return <ForbiddenPage />;
  if (target.id !== active?.id) return <PageSpin />;
  return children;
}
