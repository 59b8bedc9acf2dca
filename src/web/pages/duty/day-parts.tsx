// Pieces of the duty chief's day (F-16) shared by the phone page (/duty/day) and the school office's
// table (/school/day): the figures, the unaccounted children with whom to call, the close control, a
// child's day in one line, and the handovers.
import { CheckCircleFilled, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Tag, theme } from 'antd';
import { useState } from 'react';
import {
  type ChildStatus,
  type DayChild,
  type DayCounts,
  type DayView,
  type HandoverView,
  type UnaccountedChild,
  useCloseDay,
} from '../../api/day-queries';
import { useErrorText } from '../../api/error-text';
import { Muted } from '../../components/surface';
import { formatDate, formatTime } from '../../i18n/format';
import { type TFunction, useI18n } from '../../i18n/i18n';

export const STATUS_COLOR: Record<ChildStatus, string> = {
  expected: 'orange',
  present: 'blue',
  called: 'geekblue',
  absent: 'red',
  on_leave: 'default',
  in_custody: 'purple',
  released: 'green',
};

// 应到, 实到, 缺席, 请假, 已离校, 延时托管, 未确认 — the duty chief's tiles, in that order.
const TILES: (keyof DayCounts)[] = [
  'enrolled',
  'attended',
  'absent',
  'onLeave',
  'released',
  'custody',
  'unmarked',
];

export function CountTiles({ counts }: { counts: DayCounts }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div
      data-testid="day-counts"
      style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}
    >
      {TILES.map((key) => {
        const warn = key === 'unmarked' && counts.unmarked > 0;
        return (
          <div
            key={key}
            data-testid={`count-${key}`}
            style={{
              background: warn ? token.colorErrorBg : token.colorBgContainer,
              border: `1px solid ${warn ? token.colorErrorBorder : token.colorBorderSecondary}`,
              borderRadius: token.borderRadius,
              padding: '8px 4px',
              textAlign: 'center',
              minWidth: 0,
            }}
          >
            <div
              style={{
                fontSize: 22,
                fontWeight: 600,
                lineHeight: 1.2,
                color: warn ? token.colorError : undefined,
              }}
            >
              {counts[key]}
            </div>
            <div style={{ fontSize: 13, color: token.colorTextSecondary, whiteSpace: 'nowrap' }}>
              {t(`daily.close.count.${key}`)}
            </div>
          </div>
        );
      })}
    </div>
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** The children not accounted for, in red, each with the reason and the group's teacher to call. */
export function UnaccountedList({ items }: { items: UnaccountedChild[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <ul style={{ margin: 0, padding: 0 }} data-testid="unaccounted-list">
      {items.map((c) => (
        <li
          key={c.studentId}
          data-testid="unaccounted-child"
          style={{
            listStyle: 'none',
            padding: '10px 0',
            borderBottom: `1px solid ${token.colorErrorBorder}`,
          }}
        >
          <Flex vertical gap={4}>
            <Flex justify="space-between" align="baseline" gap={8} wrap>
              <strong style={{ color: token.colorError }}>{c.name}</strong>
              <Muted>{c.className}</Muted>
            </Flex>
            <div>
              <Tag color="red" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                {t(`daily.close.reason.${c.reason}`)}
              </Tag>
            </div>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Muted>
                {c.groupName ?? t('daily.close.noGroup')} · {c.teacherName ?? t('daily.close.noTeacher')}
              </Muted>
              {c.teacherPhone && c.teacherName ? (
                <Button size="small" icon={<PhoneOutlined />} href={telHref(c.teacherPhone)}>
                  {t('daily.close.callTeacher', { name: c.teacherName })}
                </Button>
              ) : null}
            </Flex>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

/** 已结束 with who and when, or the close button — disabled with the reason until none is unaccounted. */
export function CloseControl({ schoolId, view }: { schoolId: string; view: DayView }) {
  const { lang, t } = useI18n();
  const { modal, message } = App.useApp();
  const describe = useErrorText();
  const close = useCloseDay(schoolId, view.date);
  const [note, setNote] = useState('');

  if (view.closure) {
    const c = view.closure;
    return (
      <Flex vertical gap={6} data-testid="day-closed">
        <Flex align="center" gap={8} wrap>
          <Tag color="success" icon={<CheckCircleFilled />} style={{ fontSize: 15, padding: '4px 10px' }}>
            {t('daily.close.closed')}
          </Tag>
          <span>
            {t('daily.close.closedBy', {
              name: c.closedBy.name,
              time: `${formatDate(c.closedAt, lang)} ${formatTime(c.closedAt)}`,
            })}
          </span>
        </Flex>
        <Muted>
          {t('daily.close.closedSummary', {
            enrolled: c.summary.enrolled,
            attended: c.summary.attended,
            released: c.summary.released,
          })}
        </Muted>
        {c.note ? <Muted>{t('daily.close.closedNote', { note: c.note })}</Muted> : null}
      </Flex>
    );
  }

  const confirm = () =>
    modal.confirm({
      title: t('daily.close.closeConfirmTitle'),
      content: t('daily.close.closeConfirm'),
      okText: t('daily.close.closeButton'),
      onOk: () =>
        close.mutateAsync(note.trim() ? { note: note.trim() } : {}).then(
          () => undefined,
          (error: unknown) => {
            void message.error(describe(error));
          },
        ),
    });

  return (
    <Flex vertical gap={8}>
      {view.closable ? (
        <Alert type="success" showIcon title={t('daily.close.closeReady')} />
      ) : (
        <Alert
          type="error"
          showIcon
          data-testid="close-blocked"
          title={t('daily.close.closeBlocked', { count: view.unaccounted.length })}
        />
      )}
      {view.closable ? (
        <Input.TextArea
          aria-label={t('daily.close.note')}
          placeholder={t('daily.close.note')}
          maxLength={500}
          autoSize={{ minRows: 1, maxRows: 4 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      ) : null}
      <Button
        block
        type="primary"
        danger={!view.closable}
        disabled={!view.closable}
        loading={close.isPending}
        onClick={confirm}
        data-testid="close-day"
      >
        {t('daily.close.closeButton')}
      </Button>
    </Flex>
  );
}

function byName(t: TFunction, name: string | null): string {
  return name ?? t('daily.close.system');
}

/** What happened to a child today, in short lines: marks, follow-up, custody, the release. */
export function childDayLines(t: TFunction, c: DayChild): string[] {
  const lines: string[] = [];
  if (c.leave) lines.push(t('daily.close.leaveReason', { reason: c.leave.reason }));
  for (const m of c.marks) {
    lines.push(
      t('daily.close.markLine', {
        time: formatTime(m.at),
        mark: t(`daily.close.mark.${m.mark}`),
        by: byName(t, m.by),
      }),
    );
  }
  if (c.followUp && c.followUp.state !== 'cancelled') {
    lines.push(
      c.followUp.contact
        ? t('daily.close.contact', { result: c.followUp.contact.result, reason: c.followUp.contact.reason })
        : t(`daily.close.followUp.${c.followUp.state}`),
    );
  }
  if (c.called && !c.release) lines.push(t('daily.close.calledAt', { time: formatTime(c.called.at) }));
  if (c.custody) {
    const line = t('daily.close.custodyWith', {
      time: formatTime(c.custody.at),
      name: c.custody.staffName ?? t('daily.close.noTeacher'),
    });
    lines.push(c.custody.automatic ? `${line}（${t('daily.close.custodyAuto')}）` : line);
  }
  if (c.release) {
    const r = c.release;
    lines.push(
      r.to
        ? t('daily.close.releasedTo', {
            time: formatTime(r.at),
            to: `${r.to.name}（${r.to.relation}）`,
            by: byName(t, r.by),
          })
        : t('daily.close.releasedAlone', { time: formatTime(r.at), by: byName(t, r.by) }),
    );
  }
  return lines;
}

export function ChildRow({ child }: { child: DayChild }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const lines = childDayLines(t, child);
  return (
    <li
      data-testid="day-child"
      style={{ listStyle: 'none', padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
    >
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          <strong>{child.name}</strong> <Muted style={{ fontSize: 14 }}>{child.className}</Muted>
        </span>
        <Tag color={STATUS_COLOR[child.status]} style={{ marginInlineEnd: 0 }}>
          {t(`daily.close.status.${child.status}`)}
        </Tag>
      </Flex>
      {lines.length > 0 ? (
        <div style={{ fontSize: 13, color: token.colorTextSecondary, marginTop: 2 }}>
          {lines.map((line) => (
            <div key={line} style={{ overflowWrap: 'anywhere' }}>
              {line}
            </div>
          ))}
        </div>
      ) : null}
    </li>
  );
}

export function HandoverList({ items }: { items: HandoverView[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  if (items.length === 0) return <Muted>{t('daily.close.noHandovers')}</Muted>;
  return (
    <ul style={{ margin: 0, padding: 0 }} data-testid="handover-list">
      {items.map((h) => {
        const mismatch = h.countedCount !== h.expectedCount;
        return (
          <li
            key={h.handoverId}
            data-testid="handover-item"
            style={{
              listStyle: 'none',
              padding: '8px 0',
              borderBottom: `1px solid ${token.colorBorderSecondary}`,
            }}
          >
            <Flex justify="space-between" align="baseline" gap={8} wrap>
              <strong>
                {t(`daily.close.handover.stage.${h.stage}`)} ·{' '}
                {h.groupName ?? t('daily.close.handover.wholeSchool')}
              </strong>
              <Muted style={{ fontSize: 14 }}>{formatTime(h.recordedAt)}</Muted>
            </Flex>
            <div style={{ overflowWrap: 'anywhere' }}>
              {h.fromName} → {h.toName}
            </div>
            <Flex gap={6} align="center" wrap>
              <span style={{ color: mismatch ? token.colorError : undefined }}>
                {t('daily.close.handover.counts', { expected: h.expectedCount, counted: h.countedCount })}
              </span>
              {mismatch ? <Tag color="red">{t('daily.close.handover.mismatch')}</Tag> : null}
            </Flex>
            {h.discrepancies ? (
              <div style={{ fontSize: 14, color: token.colorError, overflowWrap: 'anywhere' }}>
                {h.discrepancies}
              </div>
            ) : null}
            <Muted style={{ fontSize: 13 }}>
              {t('daily.close.handover.recordedBy', {
                name: h.recordedBy.name,
                time: formatTime(h.recordedAt),
              })}
            </Muted>
          </li>
        );
      })}
    </ul>
  );
}
