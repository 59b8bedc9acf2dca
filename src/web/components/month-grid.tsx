// The calendar's month grid (issue 14.16): one month, Monday first, each date marked as a holiday,
// a make-up working day, a no-service day, a service day, the term's first or last day. Seven narrow
// columns fit a phone (390 px); the marks are colours with a short label and, for a screen reader and
// on hover, the full words.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { CSSProperties } from 'react';
import type { IsoDate } from '../../domain/dates';
import { formatDate } from '../i18n/format';
import { type MessageKey, useI18n } from '../i18n/i18n';
import { addMonths, DAY_MARKS, type DayMark, type DayMarks, monthWeeks } from './month-grid-model';

// Dark text on light fills: every pair is above 4.5:1 (WCAG AA).
const MARK_STYLE: Record<DayMark, { background: string; color: string }> = {
  holiday: { background: '#fff1f0', color: '#a8071a' },
  makeup: { background: '#e6f4ff', color: '#003eb3' },
  makeupServed: { background: '#d6e4ff', color: '#061178' },
  noService: { background: '#fff7e6', color: '#873800' },
  service: { background: '#f6ffed', color: '#135200' },
  start: { background: '#f9f0ff', color: '#391085' },
  termFirst: { background: '#f9f0ff', color: '#391085' },
  termLast: { background: '#f9f0ff', color: '#391085' },
};

const MARK_LABEL: Record<DayMark, MessageKey> = {
  holiday: 'calendar.mark.holiday',
  makeup: 'calendar.mark.makeup',
  makeupServed: 'calendar.mark.makeupServed',
  noService: 'calendar.mark.noService',
  service: 'calendar.mark.service',
  start: 'calendar.mark.start',
  termFirst: 'calendar.mark.termFirst',
  termLast: 'calendar.mark.termLast',
};

const MARK_SHORT: Record<DayMark, MessageKey> = {
  holiday: 'calendar.short.holiday',
  makeup: 'calendar.short.makeup',
  makeupServed: 'calendar.short.makeupServed',
  noService: 'calendar.short.noService',
  service: 'calendar.short.service',
  start: 'calendar.short.start',
  termFirst: 'calendar.short.termFirst',
  termLast: 'calendar.short.termLast',
};

const WEEKDAY_KEYS = [1, 2, 3, 4, 5, 6, 7].map((d) => `calendar.month.weekday.${d}` as MessageKey);

export function MonthGrid({
  days,
  month,
  onMonthChange,
  range,
  legend,
  testId,
}: {
  days: DayMarks;
  month: string;
  onMonthChange: (month: string) => void;
  // The months one may move between ('YYYY-MM').
  range: { from: string; to: string };
  // The marks this grid can show, for its legend.
  legend: readonly DayMark[];
  testId?: string;
}) {
  const { lang, t } = useI18n();
  const [year, m] = month.split('-').map(Number) as [number, number];
  const cell: CSSProperties = {
    height: 56,
    verticalAlign: 'top',
    padding: '4px 4px 6px',
    borderRadius: 6,
    border: '1px solid #f0f0f0',
    overflow: 'hidden',
  };
  return (
    <div data-testid={testId}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Button
          icon={<LeftOutlined />}
          aria-label={t('calendar.month.prev')}
          onClick={() => onMonthChange(addMonths(month, -1))}
          disabled={month <= range.from}
          data-testid="month-prev"
        />
        <Typography.Text strong data-testid="month-title" style={{ fontSize: 16 }}>
          {t('calendar.month.title', { year, month: m })}
        </Typography.Text>
        <Button
          icon={<RightOutlined />}
          aria-label={t('calendar.month.next')}
          onClick={() => onMonthChange(addMonths(month, 1))}
          disabled={month >= range.to}
          data-testid="month-next"
        />
      </Flex>
      <table
        aria-label={t('calendar.month.title', { year, month: m })}
        style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'separate', borderSpacing: 4 }}
      >
        <thead>
          <tr>
            {WEEKDAY_KEYS.map((key) => (
              <th key={key} scope="col" style={{ fontSize: 12, fontWeight: 400, color: '#595959' }}>
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find((d) => d !== null) ?? 'empty'}>
              {week.map((date, i) =>
                date === null ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the empty cells of a week have no other identity
                  <td key={`blank-${i}`} />
                ) : (
                  <DayCell key={date} date={date} days={days} style={cell} lang={lang} t={t} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Flex gap={6} wrap style={{ marginTop: 12 }} aria-label={t('calendar.month.legend')}>
        {DAY_MARKS.filter((mk) => legend.includes(mk)).map((mk) => (
          <span
            key={mk}
            style={{
              ...MARK_STYLE[mk],
              borderRadius: 4,
              padding: '1px 6px',
              fontSize: 12,
              whiteSpace: 'nowrap',
            }}
          >
            {t(MARK_SHORT[mk])} {t(MARK_LABEL[mk])}
          </span>
        ))}
      </Flex>
    </div>
  );
}

function DayCell({
  date,
  days,
  style,
  lang,
  t,
}: {
  date: IsoDate;
  days: DayMarks;
  style: CSSProperties;
  lang: ReturnType<typeof useI18n>['lang'];
  t: ReturnType<typeof useI18n>['t'];
}) {
  const day = days.get(date);
  const marks = day?.marks ?? [];
  // The fill is what the day is; the term's edges and the start are an outline.
  const kind = marks.find((mk) => mk !== 'termFirst' && mk !== 'termLast' && mk !== 'start');
  const edge = marks.some((mk) => mk === 'termFirst' || mk === 'termLast' || mk === 'start');
  const fill = kind ? MARK_STYLE[kind] : { background: '#ffffff', color: '#262626' };
  const words = [...marks.map((mk) => t(MARK_LABEL[mk])), ...(day?.notes ?? [])].join(
    lang === 'en' ? ', ' : '，',
  );
  const label = `${formatDate(date, lang, { weekday: true })}${words ? ` ${words}` : ''}`;
  return (
    <td
      data-date={date}
      data-marks={marks.join(' ')}
      // A holiday's name and a no-service day's reason are data, in the language they were entered.
      data-user-text={day && day.notes.length > 0 ? '' : undefined}
      aria-label={label}
      title={label}
      style={{
        ...style,
        ...fill,
        ...(edge ? { outline: '2px solid #722ed1', outlineOffset: -2 } : {}),
      }}
    >
      <div aria-hidden style={{ fontWeight: 600, fontSize: 14, lineHeight: '18px' }}>
        {Number(date.slice(8))}
      </div>
      <div aria-hidden style={{ fontSize: 11, lineHeight: '14px', wordBreak: 'break-all' }}>
        {marks.map((mk) => t(MARK_SHORT[mk])).join(' ')}
      </div>
    </td>
  );
}
