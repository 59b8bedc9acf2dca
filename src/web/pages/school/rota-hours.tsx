import { Card, Flex, Table, type TableColumnsType, Tag, Typography, theme } from 'antd';
import { formatHours } from '../../../domain/rota';
import type { RotaHours, RotaView } from '../../api/staff-queries';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { useI18n } from '../../i18n/i18n';
import { weekdayLabel } from './staff-labels';

/**
 * Hours a week per person with a bar each (F-10). A person above the region's weekly limit
 * (RegionPolicy.staffWeeklyLimitMinutes) is marked; how evenly the load is spread is shown as
 * information, not as an alarm (issue 14.6).
 */
export function RotaHoursCard({ rota }: { rota: RotaView }) {
  const { lang, t } = useI18n();
  const { token } = theme.useToken();
  const max = Math.max(1, ...rota.hours.map((h) => h.minutesPerWeek.summer));
  const names = new Map(rota.hours.map((h) => [h.staffId, h.name]));
  const rows = [...rota.hours].sort((a, b) => b.minutesPerWeek.other - a.minutesPerWeek.other);
  const hours = (minutes: number) => t('rota.hours.unit', { hours: formatHours(minutes) });

  const columns: TableColumnsType<RotaHours> = [
    {
      title: t('rota.hours.col.name'),
      key: 'name',
      render: (_, h) => (
        <Flex gap={6} align="center" wrap>
          <Typography.Text strong>
            <UserText>{h.name}</UserText>
          </Typography.Text>
          {h.overloaded ? <Tag color="error">{t('rota.limit.over')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('rota.hours.col.other'),
      key: 'other',
      width: 320,
      render: (_, h) => (
        <Flex align="center" gap={8}>
          <div
            aria-hidden
            style={{
              flex: 'none',
              width: Math.max(2, Math.round((h.minutesPerWeek.other / max) * 200)),
              height: 12,
              borderRadius: 6,
              background: h.overloaded ? token.colorError : token.colorPrimary,
            }}
          />
          <span data-testid={`hours-${h.name}`}>{hours(h.minutesPerWeek.other)}</span>
        </Flex>
      ),
    },
    { title: t('rota.hours.col.summer'), key: 'summer', render: (_, h) => hours(h.minutesPerWeek.summer) },
    {
      title: t('rota.hours.col.days'),
      key: 'days',
      render: (_, h) =>
        h.days.length === 0 ? (
          t('common.empty')
        ) : (
          <Flex gap={4} wrap>
            {h.days.map((d) => (
              <Tag key={d.weekday} color={d.roles.includes('duty_chief') ? 'gold' : undefined}>
                {weekdayLabel(t, d.weekday)} {d.roles.map((r) => t(`rota.role.${r}`)).join('、')}
              </Tag>
            ))}
          </Flex>
        ),
    },
  ];

  return (
    <Card size="small" title={t('rota.hours.title')} data-testid="rota-hours">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">
          {t('rota.limit.intro', {
            minutes: rota.dutyChiefExtraMinutes,
            limit: formatHours(rota.fairness.limit),
            source: t(
              rota.fairness.limitIsPlatformDefault
                ? 'rota.limit.source.platform'
                : 'rota.limit.source.region',
            ),
          })}
        </Typography.Text>
        {rota.fairness.people > 0 ? (
          <Typography.Text data-testid="rota-spread">
            {t('rota.limit.spread', {
              people: rota.fairness.people,
              min: formatHours(rota.fairness.min),
              median: formatHours(rota.fairness.median),
              max: formatHours(rota.fairness.max),
              spread: formatHours(rota.fairness.spread),
            })}
          </Typography.Text>
        ) : null}
        <Table<RotaHours>
          rowKey="staffId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(h) => ({ style: h.overloaded ? { background: token.colorErrorBg } : undefined })}
        />
        {rota.fairness.idle.length > 0 ? (
          <Typography.Text type="secondary">
            <MessageWithUserText
              text={t('rota.hours.idle', { names: '{names}' })}
              user={{
                names: rota.fairness.idle.map((id) => names.get(id) ?? id).join(lang === 'en' ? ', ' : '、'),
              }}
            />
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
