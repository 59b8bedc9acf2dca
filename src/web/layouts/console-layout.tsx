import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ContactsOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MenuOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, type MenuProps, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { DemoClockBanner } from '../components/demo-clock-banner';
import { LanguageSwitch } from '../components/language-switch';
import { MembershipText } from '../components/membership-text';
import { PageSpin } from '../components/page-state';
import { UserMenu } from '../components/user-menu';
import { type TFunction, useT } from '../i18n/i18n';
import { useActiveMembership } from '../session/auth';

interface NavItem {
  path: string;
  icon: ReactNode;
  label: string;
}

// Only features that exist get a menu entry; later issues add theirs here.
function navItems(role: Role, t: TFunction): NavItem[] {
  if (role === 'bureau') {
    return [
      { path: '/bureau', icon: <BankOutlined />, label: t('nav.bureauSchools') },
      { path: '/bureau/policy', icon: <SafetyCertificateOutlined />, label: t('nav.policy') },
      { path: '/bureau/terms', icon: <ScheduleOutlined />, label: t('nav.terms') },
      { path: '/bureau/calendar', icon: <CalendarOutlined />, label: t('nav.calendar') },
      { path: '/bureau/plans', icon: <FileDoneOutlined />, label: t('nav.planReview') },
      { path: '/bureau/audit', icon: <AuditOutlined />, label: t('nav.audit') },
    ];
  }
  if (role === 'school_admin') {
    return [
      { path: '/school', icon: <HomeOutlined />, label: t('nav.schoolOverview') },
      { path: '/school/plans', icon: <FileTextOutlined />, label: t('nav.plan') },
      { path: '/school/no-service-days', icon: <StopOutlined />, label: t('nav.noServiceDays') },
      { path: '/school/applications', icon: <SolutionOutlined />, label: t('applications.menu') },
      { path: '/school/grouping', icon: <ApartmentOutlined />, label: t('nav.grouping') },
      { path: '/school/roster', icon: <ContactsOutlined />, label: t('nav.roster') },
      { path: '/school/staff', icon: <IdcardOutlined />, label: t('nav.staffRecords') },
      { path: '/school/rota', icon: <CarryOutOutlined />, label: t('nav.rota') },
      { path: '/school/day', icon: <FieldTimeOutlined />, label: t('daily.close.nav') },
      { path: '/school/students', icon: <UserOutlined />, label: t('nav.students') },
      { path: '/school/import', icon: <UploadOutlined />, label: t('import.nav') },
      { path: '/school/login-codes', icon: <KeyOutlined />, label: t('codes.nav') },
      { path: '/school/members', icon: <TeamOutlined />, label: t('nav.members') },
      { path: '/school/audit', icon: <AuditOutlined />, label: t('nav.audit') },
    ];
  }
  return [];
}

/** The entry whose path is the longest prefix of the current path is the one highlighted. */
function selectedPath(items: NavItem[], pathname: string): string[] {
  const matches = items
    .filter((item) => pathname === item.path || pathname.startsWith(`${item.path}/`))
    .sort((a, b) => b.path.length - a.path.length);
  return matches[0] ? [matches[0].path] : [];
}

function Brand() {
  const t = useT();
  return (
    <div className="kh-brand">
      <Typography.Text strong style={{ fontSize: 15 }}>
        {t('app.name')}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('app.brand')}
      </Typography.Text>
    </div>
  );
}

/** The desk console of the bureau and the school administrators: a side menu, a header, the page. */
export function ConsoleLayout() {
  const t = useT();
  const active = useActiveMembership();
  const { pathname } = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // A link followed inside the narrow-screen drawer closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every path change on purpose
  useEffect(() => setDrawerOpen(false), [pathname]);

  const items = navItems(active.role, t);
  const menuItems: MenuProps['items'] = items.map((item) => ({
    key: item.path,
    icon: item.icon,
    label: <Link to={item.path}>{item.label}</Link>,
  }));
  const menu = (
    <nav aria-label={t('nav.menu')}>
      <Menu
        mode="inline"
        selectedKeys={selectedPath(items, pathname)}
        items={menuItems}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider className="kh-console-sider" width={216} theme="light">
        <Brand />
        {menu}
      </Layout.Sider>
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="kh-console-header">
          <Button
            className="kh-menu-button"
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.openMenu')}
            aria-expanded={drawerOpen}
            style={{ width: 44, height: 44 }}
            onClick={() => setDrawerOpen(true)}
          />
          <Typography.Text strong ellipsis className="kh-console-header-title">
            <MembershipText membership={active} />
          </Typography.Text>
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <DemoClockBanner />
        <Layout.Content className="kh-console-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <Drawer
        placement="left"
        size={256}
        open={drawerOpen}
        onClose={() => setDrawerOpen(false)}
        title={<Brand />}
        styles={{ body: { padding: 0 }, header: { padding: 0 } }}
      >
        {menu}
      </Drawer>
    </Layout>
  );
}
