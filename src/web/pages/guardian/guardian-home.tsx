import { Avatar, Button, Empty, Flex, Skeleton, Tag } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { type GuardianOverview, useGuardianApplications } from '../../api/application-queries';
import { useServiceToday } from '../../api/clock-queries';
import { useGuardianChildren } from '../../api/queries';
import type { Child } from '../../api/types';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { UserText } from '../../components/user-text';
import { classLabel, formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { relationLabel } from '../../i18n/labels';
import { colors } from '../../theme';
import { ApplicationSummary, StatusTag } from './application-status';
import { PickupTile } from './pickup-tile';

type ChildApplication = GuardianOverview['items'][number];

// The pickup persons' editor (with antd's Upload) comes after the children's state, not before it
// (issue 14.10).
const PickupPersonsPanel = lazy(() =>
  import('./pickup-persons-panel').then((m) => ({ default: m.PickupPersonsPanel })),
);

/** F-06: the child's application, or the way to apply from the school's open notice. */
function ChildApplicationPart({ status }: { status: ChildApplication | undefined }) {
  const { t } = useI18n();
  if (!status) return null;
  const applyHref = status.openTerm?.eligible
    ? `/guardian/apply?school=${encodeURIComponent(status.schoolCode)}&term=${encodeURIComponent(status.openTerm.code)}`
    : null;
  const live = status.application && status.application.status !== 'withdrawn';
  return (
    <Flex vertical gap={8} style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid #f0f0f0' }}>
      {status.application ? (
        <ApplicationSummary
          application={status.application}
          withdrawalEffectiveFrom={status.withdrawalEffectiveFrom}
        />
      ) : (
        <StatusTag status={null} />
      )}
      {live ? (
        <Suspense fallback={null}>
          <PickupPersonsPanel
            schoolId={status.schoolId}
            studentId={status.studentId}
            persons={status.pickupPersons}
          />
        </Suspense>
      ) : null}
      {!live && applyHref ? (
        <Link to={applyHref}>
          <Button type="primary" block data-testid="apply-link">
            {t(status.application ? 'apply.applyAgain' : 'apply.applyNow')}
          </Button>
        </Link>
      ) : null}
      {!live && status.openTerm && !status.openTerm.eligible ? (
        <Muted>{t('apply.gradeNotServed')}</Muted>
      ) : null}
      {/* The notice of the term open now, to read again (fees, times, who is in charge) after applying. */}
      {status.openTerm ? (
        <a
          href={`/notice/${encodeURIComponent(status.schoolCode)}/${encodeURIComponent(status.openTerm.code)}`}
          data-testid="notice-link"
        >
          {t('apply.readNotice')}
        </a>
      ) : null}
    </Flex>
  );
}

function ChildCard({ child, status }: { child: Child; status: ChildApplication | undefined }) {
  const { lang, t } = useI18n();
  return (
    <Panel data-testid="child-card">
      <Flex gap={12} align="center">
        <Avatar size={48} style={{ backgroundColor: colors.guardian, flex: 'none' }} aria-hidden="true">
          <UserText>{child.name.slice(-2)}</UserText>
        </Avatar>
        <Flex vertical style={{ minWidth: 0, flex: 1 }}>
          <Flex gap={8} align="center" wrap>
            <Heading level={2}>
              <UserText>{child.name}</UserText>
            </Heading>
            <Tag
              color="green"
              aria-label={t('common.labelValue', {
                label: t('guardian.relation'),
                value: relationLabel(t, lang, child.relation),
              })}
            >
              {relationLabel(t, lang, child.relation)}
            </Tag>
          </Flex>
          <Muted>
            <UserText className="kh-ellipsis">{child.schoolName}</UserText>
          </Muted>
          <Muted>{classLabel(child.grade, child.className, lang)}</Muted>
        </Flex>
      </Flex>
      <ChildApplicationPart status={status} />
    </Panel>
  );
}

/** The guardian's home: their own children only, one card each. */
export function GuardianHome() {
  const { lang, t } = useI18n();
  // The school's date by the server (the demo clock in the demo), not the phone's.
  const serverToday = useServiceToday();
  const children = useGuardianChildren();
  const applications = useGuardianApplications();
  const statusOf = (child: Child) =>
    applications.data?.find((a) => a.schoolId === child.schoolId && a.studentId === child.studentId);

  return (
    <Flex vertical gap={12} data-testid="home-guardian">
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Heading>{t('guardian.title')}</Heading>
        <Muted>{serverToday ? formatDate(serverToday, lang, { weekday: true }) : null}</Muted>
      </Flex>
      {children.data && children.data.length > 0 ? <PickupTile /> : null}
      {/* F-11: leave from after-school care, seen by the teacher at roll call. */}
      {children.data && children.data.length > 0 ? (
        <Panel>
          <Flex vertical gap={8}>
            <Muted>{t('daily.attendance.leave.tileHint')}</Muted>
            <Link to="/guardian/leave">
              <Button block data-testid="leave-link">
                {t('daily.attendance.leave.tile')}
              </Button>
            </Link>
          </Flex>
        </Panel>
      ) : null}
      {children.isPending ? (
        <Panel>
          <Skeleton active avatar paragraph={{ rows: 2 }} />
        </Panel>
      ) : children.isError ? (
        <PageError error={children.error} onRetry={() => children.refetch()} />
      ) : children.data.length === 0 ? (
        <Panel>
          <Empty description={t('guardian.noChildren')} />
        </Panel>
      ) : (
        <>
          {/* F-27: one account for siblings; say which child each card is before anything is done. */}
          {children.data.length > 1 ? (
            <Muted>{t('codes.severalChildren', { count: children.data.length })}</Muted>
          ) : null}
          {children.data.map((child) => (
            <ChildCard key={`${child.schoolId}:${child.studentId}`} child={child} status={statusOf(child)} />
          ))}
        </>
      )}
    </Flex>
  );
}
