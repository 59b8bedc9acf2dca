import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useServiceToday } from '../../api/clock-queries';
import { type DayChild, useDayView } from '../../api/day-queries';
import { useErrorText } from '../../api/error-text';
import { IsoDatePicker } from '../../components/date-inputs';
import { PageError, PageSpin } from '../../components/page-state';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { filled } from '../../i18n/labels';
import { useActiveMembership } from '../../session/auth';
import {
  CloseControl,
  CountTiles,
  childDayLines,
  EndCustodyControl,
  HandoverList,
  STATUS_COLOR,
  UnaccountedList,
} from '../duty/day-parts';

/**
 * F-16 in the school office's console: the same day as the duty chief's phone page (/duty/day) as a
 * table of every enrolled child — status, marks, departure or custody, why unaccounted — with the
 * figures, the list of children nobody knows the state of, the end-of-service move to extended custody
 * (C 延时托管), the close, the handovers; any date of the term can be opened.
 */
export function SchoolDayPage() {
  const { lang, t } = useI18n();
  const describe = useErrorText();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const today = useServiceToday();
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? today;
  const day = useDayView(schoolId, date);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const { token } = theme.useToken();

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;
  const notServed = day.error instanceof ApiError && day.error.code === 'NOT_A_SERVICE_DAY';

  const columns: TableColumnsType<DayChild> = [
    {
      key: 'child',
      title: t('daily.close.col.child'),
      render: (_, c) => (
        <span>
          <UserText>{c.name}</UserText> <Typography.Text type="secondary">{c.studentNo}</Typography.Text>
        </span>
      ),
      width: 180,
    },
    {
      key: 'class',
      title: t('daily.close.col.class'),
      dataIndex: 'className',
      render: (name: string) => <NameText name={name} />,
      width: 110,
    },
    {
      key: 'group',
      title: t('daily.close.col.group'),
      render: (_, c) => (c.groupName ? <NameText name={c.groupName} /> : t('daily.close.noGroup')),
      width: 100,
    },
    {
      key: 'status',
      title: t('daily.close.col.status'),
      render: (_, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`daily.close.status.${c.status}`)}</Tag>,
      width: 130,
    },
    {
      key: 'marks',
      title: t('daily.close.col.marks'),
      render: (_, c) => (
        <Flex vertical>
          {childDayLines(t, lang, { ...c, custody: null, release: null, called: null }).map((line) => (
            <span key={filled(line)}>
              <MessageWithUserText {...line} />
            </span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'departure',
      title: t('daily.close.col.departure'),
      render: (_, c) => (
        <Flex vertical>
          {childDayLines(t, lang, { ...c, leave: null, marks: [], followUp: null }).map((line) => (
            <span key={filled(line)}>
              <MessageWithUserText {...line} />
            </span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'problem',
      title: t('daily.close.col.problem'),
      render: (_, c) =>
        c.unaccounted ? <Tag color="red">{t(`daily.close.reason.${c.unaccounted}`)}</Tag> : null,
      width: 170,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="school-day">
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('daily.close.title')}
          {date ? (
            <Typography.Text type="secondary" style={{ fontSize: 16, marginInlineStart: 12 }}>
              {formatDate(date, lang, { weekday: true })}
            </Typography.Text>
          ) : null}
        </Typography.Title>
        <Space wrap>
          <IsoDatePicker
            aria-label={t('daily.close.date')}
            value={date ?? null}
            style={{ width: 160 }}
            onChange={(next) => {
              if (next) setParams({ date: next }, { replace: true });
            }}
          />
          <Button icon={<ReloadOutlined />} loading={day.isFetching} onClick={() => void day.refetch()}>
            {t('daily.close.refresh')}
          </Button>
        </Space>
      </Flex>

      {notServed ? (
        <Alert
          type="info"
          showIcon
          title={t('daily.close.notServiceDay')}
          description={describe(day.error)}
        />
      ) : day.isError ? (
        <PageError error={day.error} onRetry={() => void day.refetch()} />
      ) : !day.data ? (
        <PageSpin fill={false} />
      ) : (
        <>
          <div style={{ maxWidth: 900 }}>
            <CountTiles counts={day.data.counts} wide />
          </div>
          <Flex gap={16} wrap align="start">
            {day.data.endCustody.offered ? (
              <Card
                size="small"
                style={{ flex: '1 1 320px', maxWidth: 480, borderColor: token.colorWarningBorder }}
              >
                <EndCustodyControl schoolId={schoolId} view={day.data} />
              </Card>
            ) : null}
            {day.data.unaccounted.length > 0 ? (
              <Card
                size="small"
                title={
                  <Typography.Text type="danger">
                    {t('daily.close.unaccountedTitle', { count: day.data.unaccounted.length })}
                  </Typography.Text>
                }
                style={{ flex: '1 1 360px', maxWidth: 560, borderColor: token.colorErrorBorder }}
              >
                <UnaccountedList items={day.data.unaccounted} />
              </Card>
            ) : null}
            <Card size="small" style={{ flex: '1 1 320px', maxWidth: 480 }}>
              <CloseControl schoolId={schoolId} view={day.data} />
            </Card>
          </Flex>
          <Card
            size="small"
            title={t('daily.close.children', { count: day.data.children.length })}
            extra={
              <Space>
                <Switch
                  size="small"
                  checked={onlyProblems}
                  onChange={setOnlyProblems}
                  aria-label={t('daily.close.onlyProblems')}
                />
                {t('daily.close.onlyProblems')}
              </Space>
            }
          >
            <Table<DayChild>
              rowKey="studentId"
              size="small"
              columns={columns}
              dataSource={onlyProblems ? day.data.children.filter((c) => c.unaccounted) : day.data.children}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              scroll={{ x: 1000 }}
            />
          </Card>
          <Flex gap={16} wrap align="start">
            <Card size="small" title={t('daily.close.handovers')} style={{ flex: '1 1 360px' }}>
              <HandoverList items={day.data.handovers} />
            </Card>
            <Card
              size="small"
              title={t('daily.close.visitorsInside', { count: day.data.visitorsInside.length })}
              style={{ flex: '1 1 360px' }}
            >
              {day.data.visitorsInside.length === 0 ? (
                <Typography.Text type="secondary">{t('daily.close.noVisitorsInside')}</Typography.Text>
              ) : (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {day.data.visitorsInside.map((v) => (
                    <li key={v.visitId}>
                      {v.visitorName} ·{' '}
                      {t('daily.close.visitors.visiting', { purpose: v.purpose, host: v.host })}
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Flex>
        </>
      )}
    </Flex>
  );
}
