import { Button, Flex } from 'antd';
import { useNavigate, useRouteError } from 'react-router';
import { useT } from '../i18n/i18n';
import { LogoutButton } from './logout-button';
import { Outcome } from './outcome';

function BackHome() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function ForbiddenPage() {
  const t = useT();
  return (
    <Flex justify="center" data-testid="page-403">
      <Outcome
        status="forbidden"
        title={`403 · ${t('page.forbiddenTitle')}`}
        subTitle={t('page.forbiddenDesc')}
        extra={<BackHome />}
      />
    </Flex>
  );
}

export function NotFoundPage() {
  const t = useT();
  return (
    <Flex justify="center" data-testid="page-404">
      <Outcome
        status="not-found"
        title={`404 · ${t('page.notFoundTitle')}`}
        subTitle={t('page.notFoundDesc')}
        extra={<BackHome />}
      />
    </Flex>
  );
}

/** A signed-in user whom nobody has given a role yet. */
export function NoRolePage() {
  const t = useT();
  return (
    <Flex justify="center" data-testid="page-no-role">
      <Outcome
        status="info"
        title={t('page.noRoleTitle')}
        subTitle={t('page.noRoleDesc')}
        extra={<LogoutButton />}
      />
    </Flex>
  );
}

/** Shown by the router when rendering a route throws, e.g. a page chunk from an older build is gone. */
export function RouteErrorPage() {
  const t = useT();
  const error = useRouteError();
  if (error instanceof Error) console.error(error);
  return (
    <Flex justify="center">
      <Outcome
        status="error"
        title={t('page.errorTitle')}
        subTitle={t('page.errorDesc')}
        extra={
          <Button type="primary" onClick={() => window.location.reload()}>
            {t('page.reload')}
          </Button>
        }
      />
    </Flex>
  );
}
