import { lazy, Suspense } from 'react';
import { Navigate, Outlet, type RouteObject, ScrollRestoration } from 'react-router';
import { PageSpin } from './components/page-state';
import { ForbiddenPage, NoRolePage, NotFoundPage, RouteErrorPage } from './components/status-pages';
import { guardianHomeLoader } from './pages/guardian/home-loader';
import { AuthProvider, RequireRole, RequireSession, useSignedIn } from './session/auth';
import { ROLE_HOME } from './session/roles';

// Every page and layout is its own chunk, so a guardian's phone downloads the guardian page and
// not the bureau's tables.
const ConsoleLayout = lazy(() =>
  import('./layouts/console-layout').then((m) => ({ default: m.ConsoleLayout })),
);
const PhoneLayout = lazy(() => import('./layouts/phone-layout').then((m) => ({ default: m.PhoneLayout })));
const AccountLayout = lazy(() =>
  import('./layouts/account-layout').then((m) => ({ default: m.AccountLayout })),
);

const LoginPage = lazy(() => import('./pages/login-page').then((m) => ({ default: m.LoginPage })));
const SetupPage = lazy(() => import('./pages/setup-page').then((m) => ({ default: m.SetupPage })));
const AccountPage = lazy(() =>
  import('./pages/account/account-page').then((m) => ({ default: m.AccountPage })),
);
const MessagesPage = lazy(() =>
  import('./pages/account/messages-page').then((m) => ({ default: m.MessagesPage })),
);
const BureauHome = lazy(() => import('./pages/bureau/bureau-home').then((m) => ({ default: m.BureauHome })));
const PolicyPage = lazy(() => import('./pages/bureau/policy-page').then((m) => ({ default: m.PolicyPage })));
const PlanReviewListPage = lazy(() =>
  import('./pages/bureau/plan-review-list-page').then((m) => ({ default: m.PlanReviewListPage })),
);
const PlanReviewPage = lazy(() =>
  import('./pages/bureau/plan-review-page').then((m) => ({ default: m.PlanReviewPage })),
);
const PlanListPage = lazy(() =>
  import('./pages/school/plan-list-page').then((m) => ({ default: m.PlanListPage })),
);
const PlanPage = lazy(() => import('./pages/school/plan-page').then((m) => ({ default: m.PlanPage })));
const TermsPage = lazy(() => import('./pages/bureau/terms-page').then((m) => ({ default: m.TermsPage })));
const CalendarPage = lazy(() =>
  import('./pages/bureau/calendar-page').then((m) => ({ default: m.CalendarPage })),
);
const NoServiceDaysPage = lazy(() =>
  import('./pages/school/no-service-days-page').then((m) => ({ default: m.NoServiceDaysPage })),
);
const AuditPage = lazy(() => import('./pages/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const SchoolHome = lazy(() => import('./pages/school/school-home').then((m) => ({ default: m.SchoolHome })));
const StudentsPage = lazy(() =>
  import('./pages/school/students-page').then((m) => ({ default: m.StudentsPage })),
);
const ImportPage = lazy(() => import('./pages/school/import-page').then((m) => ({ default: m.ImportPage })));
const GuardianCodesPage = lazy(() =>
  import('./pages/school/guardian-codes-page').then((m) => ({ default: m.GuardianCodesPage })),
);
const FirstPasswordPage = lazy(() =>
  import('./pages/first-password-page').then((m) => ({ default: m.FirstPasswordPage })),
);
const StaffPage = lazy(() => import('./pages/school/staff-page').then((m) => ({ default: m.StaffPage })));
const RotaPage = lazy(() => import('./pages/school/rota-page').then((m) => ({ default: m.RotaPage })));
const MembersPage = lazy(() =>
  import('./pages/school/members-page').then((m) => ({ default: m.MembersPage })),
);
const StaffHome = lazy(() => import('./pages/staff/staff-home').then((m) => ({ default: m.StaffHome })));
const GroupingPage = lazy(() =>
  import('./pages/school/grouping-page').then((m) => ({ default: m.GroupingPage })),
);
const RosterPage = lazy(() => import('./pages/school/roster-page').then((m) => ({ default: m.RosterPage })));
const TeacherRosterPage = lazy(() =>
  import('./pages/staff/roster-page').then((m) => ({ default: m.TeacherRosterPage })),
);
const DutyDayPage = lazy(() => import('./pages/duty/day-page').then((m) => ({ default: m.DutyDayPage })));
const HandoverPage = lazy(() =>
  import('./pages/duty/handover-page').then((m) => ({ default: m.HandoverPage })),
);
const GateVisitorsPage = lazy(() =>
  import('./pages/gate-log/visitors-page').then((m) => ({ default: m.GateVisitorsPage })),
);
const SchoolDayPage = lazy(() =>
  import('./pages/school/day-page').then((m) => ({ default: m.SchoolDayPage })),
);
const RollCallPage = lazy(() =>
  import('./pages/staff/roll-call-page').then((m) => ({ default: m.RollCallPage })),
);
const GuardianPickupPage = lazy(() =>
  import('./pages/guardian/pickup-page').then((m) => ({ default: m.GuardianPickupPage })),
);
const GateReleasePage = lazy(() =>
  import('./pages/gate/release-page').then((m) => ({ default: m.GateReleasePage })),
);
const GateBoardPage = lazy(() =>
  import('./pages/gate/board-page').then((m) => ({ default: m.GateBoardPage })),
);
const LeavePage = lazy(() => import('./pages/guardian/leave-page').then((m) => ({ default: m.LeavePage })));
const GuardianHome = lazy(() =>
  import('./pages/guardian/guardian-home').then((m) => ({ default: m.GuardianHome })),
);
const ApplyPage = lazy(() => import('./pages/guardian/apply-page').then((m) => ({ default: m.ApplyPage })));
const ApplicationsPage = lazy(() =>
  import('./pages/school/applications-page').then((m) => ({ default: m.ApplicationsPage })),
);

// The public notice (F-05) is for anyone, without login: it lives outside the session's provider, so
// it neither asks for a session nor sends anyone to the login page. Opened directly (a QR code, a new
// tab), main.tsx mounts it without this app at all; this route serves a link followed inside the app.
const NoticeRoute = lazy(() =>
  import('./pages/public/notice-route').then((m) => ({ default: m.NoticeRoute })),
);

function Root() {
  return (
    <AuthProvider>
      <Suspense fallback={<PageSpin />}>
        <Outlet />
      </Suspense>
      <ScrollRestoration />
    </AuthProvider>
  );
}

/** `/` sends each user to the home of the role in use. */
function HomeRedirect() {
  const { active } = useSignedIn();
  if (!active) return <NoRolePage />;
  return <Navigate to={ROLE_HOME[active.role]} replace />;
}

export const routes: RouteObject[] = [
  {
    path: '/notice/:schoolCode/:termCode',
    errorElement: <RouteErrorPage />,
    element: (
      <Suspense fallback={<PageSpin />}>
        <NoticeRoute />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: <Root />,
    errorElement: <RouteErrorPage />,
    children: [
      { path: 'login', element: <LoginPage /> },
      { path: 'first-password', element: <FirstPasswordPage /> },
      { path: 'setup', element: <SetupPage /> },
      {
        index: true,
        element: (
          <RequireSession>
            <HomeRedirect />
          </RequireSession>
        ),
      },
      {
        path: 'bureau',
        element: (
          <RequireRole membershipRole="bureau">
            <ConsoleLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <BureauHome /> },
          { path: 'policy', element: <PolicyPage /> },
          { path: 'terms', element: <TermsPage /> },
          { path: 'calendar', element: <CalendarPage /> },
          { path: 'plans', element: <PlanReviewListPage /> },
          { path: 'plans/:schoolId/:planId', element: <PlanReviewPage /> },
          { path: 'audit', element: <AuditPage /> },
        ],
      },
      {
        path: 'school',
        element: (
          <RequireRole membershipRole="school_admin">
            <ConsoleLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <SchoolHome /> },
          { path: 'students', element: <StudentsPage /> },
          { path: 'import', element: <ImportPage /> },
          { path: 'login-codes', element: <GuardianCodesPage /> },
          { path: 'members', element: <MembersPage /> },
          { path: 'plans', element: <PlanListPage /> },
          { path: 'plans/:planId', element: <PlanPage /> },
          { path: 'applications', element: <ApplicationsPage /> },
          { path: 'no-service-days', element: <NoServiceDaysPage /> },
          { path: 'grouping', element: <GroupingPage /> },
          { path: 'roster', element: <RosterPage /> },
          { path: 'staff', element: <StaffPage /> },
          { path: 'rota', element: <RotaPage /> },
          { path: 'day', element: <SchoolDayPage /> },
          { path: 'audit', element: <AuditPage /> },
        ],
      },
      {
        path: 'teacher',
        element: (
          <RequireRole membershipRole="care_teacher">
            <PhoneLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <StaffHome /> },
          { path: 'roster', element: <TeacherRosterPage /> },
          { path: 'roll-call', element: <RollCallPage /> },
          { path: 'handover', element: <HandoverPage /> },
          { path: 'release', element: <GateReleasePage /> },
          { path: 'board', element: <GateBoardPage /> },
        ],
      },
      {
        path: 'duty',
        element: (
          <RequireRole membershipRole="duty_chief">
            <PhoneLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <StaffHome /> },
          { path: 'roster', element: <TeacherRosterPage /> },
          { path: 'roll-call', element: <RollCallPage /> },
          { path: 'day', element: <DutyDayPage /> },
          { path: 'handover', element: <HandoverPage /> },
          { path: 'visitors', element: <GateVisitorsPage /> },
          { path: 'release', element: <GateReleasePage /> },
          { path: 'board', element: <GateBoardPage /> },
        ],
      },
      {
        path: 'gate',
        element: (
          <RequireRole membershipRole="gate_guard">
            <PhoneLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <StaffHome /> },
          { path: 'roster', element: <TeacherRosterPage /> },
          { path: 'visitors', element: <GateVisitorsPage /> },
          { path: 'release', element: <GateReleasePage /> },
          { path: 'board', element: <GateBoardPage /> },
        ],
      },
      {
        path: 'guardian',
        element: (
          <RequireRole membershipRole="guardian">
            <PhoneLayout />
          </RequireRole>
        ),
        children: [
          { index: true, element: <GuardianHome />, loader: guardianHomeLoader },
          { path: 'apply', element: <ApplyPage /> },
          { path: 'leave', element: <LeavePage /> },
          { path: 'pickup', element: <GuardianPickupPage /> },
        ],
      },
      {
        path: 'account',
        element: (
          <RequireSession>
            <AccountLayout />
          </RequireSession>
        ),
        children: [{ index: true, element: <AccountPage /> }],
      },
      {
        path: 'messages',
        element: (
          <RequireSession>
            <AccountLayout />
          </RequireSession>
        ),
        children: [{ index: true, element: <MessagesPage /> }],
      },
      { path: '403', element: <ForbiddenPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
