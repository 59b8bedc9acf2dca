// 服务开始日期 (issue 14.7): the day the school starts its service this term. Left empty, the region's
// unified start date applies (B 六(五) 课后服务统一启动时间); an earlier date is a finding
// (days.before-unified-start), a later one the school's to choose. The service-day count and the
// projected labor cost follow it.
import { Card, Form } from 'antd';
import type { PlanDetail } from '../../api/types';
import { Clause } from '../../components/clause';
import { IsoDatePicker } from '../../components/date-inputs';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

export function StartsOnField({ term }: { term: PlanDetail['term'] }) {
  const { lang, t } = useI18n();
  const unified = term.unifiedStartDate;
  return (
    <Card size="small" title={t('plan.startsOn.title')} id="plan-startsOn">
      <Form.Item
        name="startsOn"
        label={t('plan.startsOn.label')}
        style={{ marginBottom: 0 }}
        extra={
          <Clause>
            {unified
              ? t('plan.startsOn.unified', { date: formatDate(unified, lang) })
              : t('plan.startsOn.termStart', { date: formatDate(term.firstDay, lang) })}
          </Clause>
        }
      >
        <IsoDatePicker
          min={term.firstDay}
          max={term.lastDay}
          placeholder={formatDate(unified ?? term.firstDay, lang)}
          aria-label={t('plan.startsOn.label')}
        />
      </Form.Item>
    </Card>
  );
}
