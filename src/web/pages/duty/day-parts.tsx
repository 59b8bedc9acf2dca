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
  type UnaccountedReason,
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

/** The figures: four a row on a phone; `wide` fits as many a row as there is room for (desk). */
export function CountTiles({ counts, wide = false }: { counts: DayCounts; wide?: boolean }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  return (
    <div
      data-testid="day-counts"
      style={{
        display: 'grid',
        gridTemplateColumns: wide ? 'repeat(auto-fit, minmax(88px, 1fr))' : 'repeat(4, minmax(0, 1fr))',
        gap: 8,
      }}
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

// The most pressing first: nobody knows where a child without a mark or an absent child is.
const REASON_ORDER: UnaccountedReason[] = [
  'no_mark',
  'absence_not_followed_up',
  'still_in_care',
  'in_custody',
];
const REASON_COLOR: Record<UnaccountedReason, string> = {
  no_mark: 'red',
  absence_not_followed_up: 'red',
  still_in_care: 'orange',
  in_custody: 'purple',
};
// Names shown per reason and group before "all"; a group of 40 still in care stays short.
const NAMES_SHOWN = 12;

function ReasonNames({ reason, items }: { reason: UnaccountedReason; items: UnaccountedChild[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const urgent = REASON_COLOR[reason] === 'red';
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, NAMES_SHOWN);
  return (
    <Flex vertical gap={4} data-testid="unaccounted-reason">
      <span style={{ fontSize: 14 }}>
        <Tag color={REASON_COLOR[reason]} style={{ marginInlineEnd: 6, whiteSpace: 'normal' }}>
          {t(`daily.close.reason.${reason}`)}
        </Tag>
        {t('daily.close.people', { count: items.length })}
      </span>
      <Flex gap={4} wrap>
        {shown.map((c) => (
          <span
            key={c.studentId}
            data-testid="unaccounted-child"
            title={c.className}
            style={{
              border: `1px solid ${urgent ? token.colorErrorBorder : token.colorBorder}`,
              background: urgent ? token.colorErrorBg : undefined,
              borderRadius: token.borderRadiusSM,
              padding: '1px 6px',
              fontSize: 14,
              color: urgent ? token.colorError : undefined,
            }}
          >
            {c.name}
          </span>
        ))}
        {items.length > shown.length ? (
          <Button
            size="small"
            type="link"
            onClick={() => setAll(true)}
            style={{ height: 26, padding: '0 4px' }}
          >
            {t('daily.close.showAll', { count: items.length })}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}

/**
 * The children not accounted for, per group with its teacher to call, then per reason (the most
 * pressing first) with each child named.
 */
export function UnaccountedList({ items }: { items: UnaccountedChild[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const groups = new Map<string, UnaccountedChild[]>();
  for (const c of items) {
    const key = c.groupId ?? '';
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  const totals = REASON_ORDER.map((r) => [r, items.filter((c) => c.reason === r).length] as const).filter(
    ([, n]) => n > 0,
  );
  return (
    <Flex vertical gap={0} data-testid="unaccounted-list">
      <Flex gap={6} wrap style={{ marginBottom: 4 }}>
        {totals.map(([reason, n]) => (
          <Tag key={reason} color={REASON_COLOR[reason]} style={{ marginInlineEnd: 0 }}>
            {t(`daily.close.reason.${reason}`)} {n}
          </Tag>
        ))}
      </Flex>
      {[...groups.values()].map((list) => {
        const head = list[0];
        if (!head) return null;
        return (
          <Flex
            key={head.groupId ?? 'none'}
            vertical
            gap={8}
            data-testid="unaccounted-group"
            style={{ padding: '10px 0', borderBottom: `1px solid ${token.colorErrorBorder}` }}
          >
            <Flex justify="space-between" align="center" gap={8} wrap>
              <span style={{ minWidth: 0 }}>
                <strong>{head.groupName ?? t('daily.close.noGroup')}</strong>
                <Muted> · {head.teacherName ?? t('daily.close.noTeacher')}</Muted>
              </span>
              {head.teacherPhone && head.teacherName ? (
                <Button size="small" icon={<PhoneOutlined />} href={telHref(head.teacherPhone)}>
                  {t('daily.close.callTeacher', { name: head.teacherName })}
                </Button>
              ) : null}
            </Flex>
            {REASON_ORDER.map((reason) => {
              const children = list.filter((c) => c.reason === reason);
              return children.length > 0 ? (
                <ReasonNames key={reason} reason={reason} items={children} />
              ) : null;
            })}
          </Flex>
        );
      })}
    </Flex>
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
