import { CheckSquareOutlined, ContactsOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import { useServiceToday } from '../../api/clock-queries';
import { useSchool } from '../../api/queries';
import { AlertsCard } from '../../components/alerts-card';
import { PageError } from '../../components/page-state';
import { ProfileCard } from '../../components/profile-card';
import { Heading, Muted, Panel } from '../../components/surface';
import { UserText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { DayCloseTiles } from '../duty/close-tiles';
import { DepartureTiles } from '../gate/departure-tiles';
import { RotaWeekCard } from '../school/rota-week-card';

/**
 * Phone home of the care teacher, the duty chief and the gate guard: today's date in the school's
 * zone, the school to call, and who is signed in. Roll call, the gate board and the duty log are
 * added to this page by their own features.
 */
export function StaffHome() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const school = useSchool(membership.schoolId);
  // The school's date by the server (the demo clock in the demo), not the phone's.
  const serverToday = useServiceToday();
  const today = serverToday ? formatDate(serverToday, lang, { weekday: true }) : '';
  const navigate = useNavigate();
  // The roster (F-07): a care teacher's own groups; every group for the duty chief and the gate
  // (the gate's with phones masked by the server).
  const rosterLink =
    membership.role === 'care_teacher'
      ? ({ path: '/teacher/roster', hint: 'staff.rosterHint', label: 'staff.rosterLink' } as const)
      : membership.role === 'duty_chief'
        ? ({ path: '/duty/roster', hint: 'staff.rosterHintAll', label: 'roster.title' } as const)
        : membership.role === 'gate_guard'
          ? ({ path: '/gate/roster', hint: 'staff.rosterHintGate', label: 'roster.title' } as const)
          : null;

  return (
    <Flex vertical gap={12} data-testid={`home-${membership.role}`}>
      <Panel>
        <Muted>{t('staff.today')}</Muted>
        <Heading style={{ marginTop: 4 }} data-testid="today">
          {today}
        </Heading>
      </Panel>

      {/* F-12, F-14: escalated absences and custody handed to this person, to act on now. */}
      {membership.role === 'duty_chief' || membership.role === 'care_teacher' ? (
        <AlertsCard dayPath={membership.role === 'duty_chief' ? '/duty/day' : '/teacher/roll-call'} />
      ) : null}

      {/* F-11 roll call: the teacher's own groups; every group for the duty chief. */}
      {membership.role === 'care_teacher' || membership.role === 'duty_chief' ? (
        <Panel>
          <Flex vertical gap={8}>
            <Muted>
              {t(
                membership.role === 'care_teacher'
                  ? 'daily.attendance.tileHint'
                  : 'daily.attendance.tileHintAll',
              )}
            </Muted>
            <Button
              block
              type="primary"
              size="large"
              icon={<CheckSquareOutlined />}
              onClick={() =>
                navigate(membership.role === 'care_teacher' ? '/teacher/roll-call' : '/duty/roll-call')
              }
              data-testid="roll-call-link"
            >
              {t('daily.attendance.tile')}
            </Button>
          </Flex>
        </Panel>
      ) : null}

      <DepartureTiles role={membership.role} />

      {rosterLink ? (
        <Panel>
          <Flex vertical gap={8}>
            <Muted>{t(rosterLink.hint)}</Muted>
            <Button
              block
              type="primary"
              icon={<ContactsOutlined />}
              onClick={() => navigate(rosterLink.path)}
              data-testid="teacher-roster-link"
            >
              {t(rosterLink.label)}
            </Button>
          </Flex>
        </Panel>
      ) : null}

      <DayCloseTiles role={membership.role} />

      <Panel title={t('staff.schoolCard')}>
        {!membership.schoolId ? (
          <Alert type="warning" showIcon title={t('school.missing')} />
        ) : school.isPending ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : school.isError ? (
          <PageError error={school.error} onRetry={() => school.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            <Heading level={2}>
              <UserText>{school.data.name}</UserText>
            </Heading>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'address',
                  label: t('school.address'),
                  children: school.data.address ? (
                    <UserText>{school.data.address}</UserText>
                  ) : (
                    t('common.empty')
                  ),
                },
              ]}
            />
            {school.data.phone ? (
              <Button
                block
                icon={<PhoneOutlined />}
                href={`tel:${school.data.phone.replace(/[^\d+]/g, '')}`}
                aria-label={t('common.call', { phone: school.data.phone })}
              >
                {school.data.phone}
              </Button>
            ) : null}
          </Flex>
        )}
      </Panel>

      {membership.schoolId && membership.role !== 'gate_guard' ? (
        <RotaWeekCard schoolId={membership.schoolId} />
      ) : null}

      <ProfileCard title={t('staff.profile')} />
    </Flex>
  );
}
