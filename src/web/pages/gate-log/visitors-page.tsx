import { LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Skeleton, Tag, theme } from 'antd';
import { useRef } from 'react';
import { useServiceToday } from '../../api/clock-queries';
import {
  type CreateVisitBody,
  newIdempotencyKey,
  useGateVisits,
  useRegisterVisit,
  useSignOutVisitor,
  type VisitView,
} from '../../api/day-queries';
import { formFailure, useErrorText } from '../../api/error-text';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { formatDate, formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';

const PURPOSES = ['delivery', 'pickup', 'repair', 'visit'] as const;

interface VisitForm {
  visitorName: string;
  phone?: string;
  organisation?: string;
  purpose: string;
  host: string;
}

function VisitLine({
  visit,
  onLeave,
  leaving,
}: {
  visit: VisitView;
  onLeave?: () => void;
  leaving?: boolean;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <li
      data-testid={visit.outAt ? 'visit-left' : 'visit-inside'}
      style={{
        listStyle: 'none',
        padding: '10px 0',
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      }}
    >
      <Flex justify="space-between" align="center" gap={8}>
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <span style={{ overflowWrap: 'anywhere' }}>
            <strong id={`visitor-${visit.visitId}`}>
              <UserText>{visit.visitorName}</UserText>
            </strong>
            {visit.organisation ? (
              <Muted style={{ fontSize: 14 }}>
                {' · '}
                <UserText>{visit.organisation}</UserText>
              </Muted>
            ) : null}
          </span>
          <Muted style={{ fontSize: 14, overflowWrap: 'anywhere' }}>
            <MessageWithUserText
              text={t('daily.close.visitors.visiting', { purpose: '{purpose}', host: '{host}' })}
              user={{ purpose: visit.purpose, host: visit.host }}
            />
          </Muted>
          <Muted style={{ fontSize: 13 }}>
            {t('daily.close.visitors.inAt', { time: formatTime(visit.inAt) })}
            {visit.outAt ? ` · ${t('daily.close.visitors.outAt', { time: formatTime(visit.outAt) })}` : ''}
            {visit.phone ? ` · ${visit.phone}` : ''}
          </Muted>
        </Flex>
        {onLeave ? (
          <Button
            icon={<LogoutOutlined />}
            onClick={onLeave}
            loading={leaving}
            // Its name is what it shows; the visitor it is for is described by the name beside it.
            aria-describedby={`visitor-${visit.visitId}`}
            style={{ flex: 'none' }}
            data-testid="visit-leave"
          >
            {t('daily.close.visitors.leave')}
          </Button>
        ) : (
          <Tag color={visit.outAt ? undefined : 'blue'} style={{ marginInlineEnd: 0, flex: 'none' }}>
            {visit.outAt ? t('daily.close.visitors.leftTag') : t('daily.close.visitors.insideTag')}
          </Tag>
        )}
      </Flex>
    </li>
  );
}

/**
 * F-17 门卫登记 (B 六(三)) on the gate's phone: a quick form (name, phone, organisation, purpose with
 * presets, host), the visitors still inside with a 离开 button, and today's log. Per calendar date: the
 * gate works every day.
 */
export function GateVisitorsPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const date = useServiceToday();
  const visits = useGateVisits(schoolId, date);
  const register = useRegisterVisit(schoolId ?? '');
  const signOut = useSignOutVisitor(schoolId ?? '');
  const [form] = Form.useForm<VisitForm>();
  const key = useRef<string | null>(null);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;

  const submit = (values: VisitForm) => {
    key.current ??= newIdempotencyKey();
    const body: CreateVisitBody = {
      visitorName: values.visitorName.trim(),
      phone: values.phone?.trim() || null,
      organisation: values.organisation?.trim() || null,
      purpose: values.purpose.trim(),
      host: values.host.trim(),
    };
    register.mutate(
      { body, key: key.current },
      {
        onSuccess: (visit) => {
          key.current = null;
          form.resetFields();
          void message.success(t('daily.close.visitors.registered', { name: visit.visitorName }));
        },
        onError: (error) => {
          key.current = null;
          const text = formFailure(form, error, lang, t);
          if (text) void message.error(text);
        },
      },
    );
  };

  const leave = (visit: VisitView) =>
    signOut.mutate(visit.visitId, {
      onSuccess: () => void message.success(t('daily.close.visitors.left', { name: visit.visitorName })),
      onError: (error) => void message.error(describe(error)),
    });

  const list = visits.data?.visits ?? [];
  const inside = list.filter((v) => v.outAt === null);
  const required = [{ required: true, whitespace: true, message: t('daily.close.visitors.required') }];

  return (
    <Flex vertical gap={12} data-testid="gate-visitors">
      <div>
        <Heading>{t('daily.close.visitors.title')}</Heading>
        {date ? <Muted>{formatDate(date, lang, { weekday: true })}</Muted> : null}
      </div>

      <Panel>
        <Form<VisitForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="visitorName" label={t('daily.close.visitors.name')} rules={required}>
            <Input maxLength={40} autoComplete="off" data-testid="visit-name" />
          </Form.Item>
          <Form.Item
            name="purpose"
            label={t('daily.close.visitors.purpose')}
            rules={required}
            style={{ marginBottom: 8 }}
          >
            <Input maxLength={60} data-testid="visit-purpose" />
          </Form.Item>
          <Flex gap={6} wrap style={{ marginBottom: 16 }}>
            {PURPOSES.map((p) => {
              const label = t(`daily.close.visitors.purpose.${p}`);
              return (
                <Button
                  key={p}
                  size="small"
                  style={{ height: 36 }}
                  onClick={() => form.setFieldsValue({ purpose: label })}
                  data-testid={`visit-purpose-${p}`}
                >
                  {label}
                </Button>
              );
            })}
          </Flex>
          <Form.Item name="host" label={t('daily.close.visitors.host')} rules={required}>
            <Input
              maxLength={40}
              placeholder={t('daily.close.visitors.hostPlaceholder')}
              data-testid="visit-host"
            />
          </Form.Item>
          <Form.Item name="phone" label={t('daily.close.visitors.phone')}>
            <Input type="tel" inputMode="tel" maxLength={30} autoComplete="off" data-testid="visit-phone" />
          </Form.Item>
          <Form.Item name="organisation" label={t('daily.close.visitors.organisation')}>
            <Input maxLength={60} data-testid="visit-organisation" />
          </Form.Item>
          <Button
            block
            type="primary"
            htmlType="submit"
            icon={<UserAddOutlined />}
            loading={register.isPending}
            data-testid="visit-register"
          >
            {t('daily.close.visitors.register')}
          </Button>
        </Form>
      </Panel>

      {visits.isError ? (
        <PageError error={visits.error} onRetry={() => void visits.refetch()} />
      ) : !visits.data ? (
        <Skeleton active />
      ) : (
        <>
          <Panel
            title={t('daily.close.visitors.inside', { count: inside.length })}
            data-testid="visitors-inside"
          >
            {inside.length === 0 ? (
              <Muted>{t('daily.close.visitors.noneInside')}</Muted>
            ) : (
              <ul style={{ margin: 0, padding: 0 }}>
                {inside.map((v) => (
                  <VisitLine
                    key={v.visitId}
                    visit={v}
                    onLeave={() => leave(v)}
                    leaving={signOut.isPending && signOut.variables === v.visitId}
                  />
                ))}
              </ul>
            )}
          </Panel>
          <Panel title={t('daily.close.visitors.log', { count: list.length })} data-testid="visitors-log">
            {list.length === 0 ? (
              <Muted>{t('daily.close.visitors.empty')}</Muted>
            ) : (
              <ul style={{ margin: 0, padding: 0 }}>
                {list.map((v) => (
                  <VisitLine key={v.visitId} visit={v} />
                ))}
              </ul>
            )}
          </Panel>
        </>
      )}
    </Flex>
  );
}
