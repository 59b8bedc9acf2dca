// Pieces of the duty chief's day (F-16) shared by the phone page (/duty/day) and the school office's
// table (/school/day): the figures, the children nobody knows the state of (去向未明) with whom to call,
// the children known to be in school or in custody, the end-of-service move to extended custody
// (C 延时托管), the close control, a child's day in one line, and the handovers.
import { CheckCircleFilled, PhoneOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Select, Tag, theme } from 'antd';
import { Fragment, useState } from 'react';
import {
  type ChildStatus,
  type DayChild,
  type DayCounts,
  type DayView,
  type HandoverView,
  type UnaccountedChild,
  type UnaccountedReason,
  useCloseDay,
  useEndCustody,
} from '../../api/day-queries';
import { useErrorText } from '../../api/error-text';
import { Muted } from '../../components/surface';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { formatDate, formatTime, generatedName, type Lang } from '../../i18n/format';
import { type TFunction, useI18n } from '../../i18n/i18n';
import { filled, type MarkedText, relationLabel } from '../../i18n/labels';

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
        // Red only for the children nobody knows about: not marked after the roll-call deadline.
        const warn = key === 'unmarked' && counts.unmarked > counts.awaitingRollCall;
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

// The most pressing first: nobody knows whether a child without a mark came, or where an absent child
// is; then the children still in school after the end time without a custody decision.
const REASON_ORDER: UnaccountedReason[] = ['no_mark', 'absence_not_followed_up', 'no_custody_decision'];
// Names shown per list before "all"; a group of 40 stays short.
const NAMES_SHOWN = 12;

interface NamedChild {
  studentId: string;
  name: string;
  className: string;
}

/** Children's names as chips, the first dozen and then "all N". */
function NameChips({ items, urgent }: { items: NamedChild[]; urgent: boolean }) {
  const { lang, t } = useI18n();
  const { token } = theme.useToken();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, NAMES_SHOWN);
  return (
    <Flex gap={4} wrap>
      {shown.map((c) => (
        <span
          key={c.studentId}
          data-testid={urgent ? 'unaccounted-child' : 'listed-child'}
          title={generatedName(c.className, lang)}
          style={{
            border: `1px solid ${urgent ? token.colorErrorBorder : token.colorBorder}`,
            background: urgent ? token.colorErrorBg : undefined,
            borderRadius: token.borderRadiusSM,
            padding: '1px 6px',
            fontSize: 14,
            color: urgent ? token.colorError : undefined,
          }}
        >
          <UserText>{c.name}</UserText>
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
  );
}

function ReasonNames({ reason, items }: { reason: UnaccountedReason; items: UnaccountedChild[] }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={4} data-testid="unaccounted-reason">
      <span style={{ fontSize: 14 }}>
        <Tag color="red" style={{ marginInlineEnd: 6, whiteSpace: 'normal' }}>
          {t(`daily.close.reason.${reason}`)}
        </Tag>
        {t('daily.close.people', { count: items.length })}
      </span>
      <NameChips items={items} urgent />
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
          <Tag key={reason} color="red" style={{ marginInlineEnd: 0 }}>
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
                <strong>
                  {head.groupName ? <NameText name={head.groupName} /> : t('daily.close.noGroup')}
                </strong>
                <Muted>
                  {' '}
                  · {head.teacherName ? <UserText>{head.teacherName}</UserText> : t('daily.close.noTeacher')}
                </Muted>
              </span>
              {head.teacherPhone && head.teacherName ? (
                <Button size="small" icon={<PhoneOutlined />} href={telHref(head.teacherPhone)}>
                  <MessageWithUserText
                    text={t('daily.close.callTeacher', { name: '{name}' })}
                    user={{ name: head.teacherName }}
                  />
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

type GroupInfo = Pick<DayView['groups'][number], 'groupId' | 'name' | 'teacherName' | 'teacherPhone'>;

/**
 * Children known to be in school (to be released in their batches) or awaiting the roll call: per group
 * with its teacher, the names neutral — nobody needs to act on them before the end time.
 */
export function ChildrenByGroup({
  items,
  groups,
  testId,
}: {
  items: DayChild[];
  groups: GroupInfo[];
  testId: string;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const byGroup = new Map<string, DayChild[]>();
  for (const c of items) {
    const key = c.groupId ?? '';
    const list = byGroup.get(key);
    if (list) list.push(c);
    else byGroup.set(key, [c]);
  }
  const groupOf = new Map(groups.map((g) => [g.groupId ?? '', g]));
  return (
    <Flex vertical gap={0} data-testid={testId}>
      {[...byGroup.entries()].map(([key, list]) => {
        const g = groupOf.get(key);
        return (
          <Flex
            key={key || 'none'}
            vertical
            gap={6}
            data-testid={`${testId}-group`}
            style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
          >
            <span style={{ minWidth: 0 }}>
              <strong>{g?.name ? <NameText name={g.name} /> : t('daily.close.noGroup')}</strong>
              <Muted>
                {' '}
                · {g?.teacherName ? <UserText>{g.teacherName}</UserText> : t('daily.close.noTeacher')} ·{' '}
                {t('daily.close.people', { count: list.length })}
              </Muted>
            </span>
            <NameChips items={list} urgent={false} />
          </Flex>
        );
      })}
    </Flex>
  );
}

/** The children in extended custody now, per staff member keeping them (C 延时托管). */
export function CustodyList({ items }: { items: DayChild[] }) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const byStaff = new Map<string, DayChild[]>();
  for (const c of items) {
    const key = c.custody?.staffName ?? '';
    const list = byStaff.get(key);
    if (list) list.push(c);
    else byStaff.set(key, [c]);
  }
  return (
    <Flex vertical gap={0} data-testid="custody-list">
      {[...byStaff.entries()].map(([name, list]) => (
        <Flex
          key={name || 'none'}
          vertical
          gap={6}
          data-testid="custody-staff"
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <span>
            <strong>{t('daily.close.custodyBy', { name: name || t('daily.close.noTeacher') })}</strong>
            <Muted> · {t('daily.close.people', { count: list.length })}</Muted>
          </span>
          <NameChips items={list} urgent={false} />
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * C 延时托管 at the end time: every child still in care to one named staff member in one action — the
 * day's duty chief proposed — then the gate releases each as their guardian comes.
 */
export function EndCustodyControl({ schoolId, view }: { schoolId: string; view: DayView }) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { token } = theme.useToken();
  const describe = useErrorText();
  const move = useEndCustody(schoolId, view.date);
  const { staff, defaultStaffId, due } = view.endCustody;
  const [chosen, setChosen] = useState<string | null>(defaultStaffId);
  const [missing, setMissing] = useState(false);
  const name = staff.find((s) => s.staffId === chosen)?.name ?? '';

  const confirm = () => {
    if (!chosen) {
      setMissing(true);
      return;
    }
    modal.confirm({
      title: t('daily.close.endCustody.confirmTitle', { count: due }),
      content: t('daily.close.endCustody.confirm', { name }),
      okText: t('daily.close.endCustody.button', { count: due }),
      onOk: () =>
        move.mutateAsync({ staffId: chosen }).then(
          (result) => {
            void message.success(
              result.moved > 0
                ? t('daily.close.endCustody.done', { count: result.moved, name: result.custodian.name })
                : t('daily.close.endCustody.none'),
            );
          },
          (error: unknown) => {
            void message.error(describe(error));
          },
        ),
    });
  };

  return (
    <Flex vertical gap={8} data-testid="end-custody">
      <strong style={{ fontSize: 16 }}>{t('daily.close.endCustody.title', { count: due })}</strong>
      <Muted style={{ fontSize: 14 }}>{t('daily.close.endCustody.hint')}</Muted>
      {staff.length === 0 ? (
        <Alert type="warning" showIcon title={t('daily.close.endCustody.noStaff')} />
      ) : (
        <Flex vertical gap={4}>
          <label htmlFor="end-custody-staff" style={{ fontSize: 14 }}>
            {t('daily.close.endCustody.staff')}
          </label>
          <Select
            id="end-custody-staff"
            data-testid="end-custody-staff"
            showSearch={{ optionFilterProp: 'label' }}
            value={chosen ?? undefined}
            placeholder={t('daily.close.endCustody.staffRequired')}
            status={missing ? 'error' : undefined}
            options={staff.map((s) => ({ value: s.staffId, label: s.name }))}
            onChange={(value: string) => {
              setChosen(value);
              setMissing(false);
            }}
            style={{ width: '100%' }}
          />
          {missing ? (
            <span role="alert" style={{ fontSize: 14, color: token.colorError }}>
              {t('daily.close.endCustody.staffRequired')}
            </span>
          ) : null}
        </Flex>
      )}
      <Button
        block
        type="primary"
        disabled={staff.length === 0}
        loading={move.isPending}
        onClick={confirm}
        data-testid="end-custody-button"
      >
        {t('daily.close.endCustody.button', { count: due })}
      </Button>
    </Flex>
  );
}

// The staff members keeping children in custody, with how many each: one name alone, or each name
// with its count ("张老师（3 人）、李老师（2 人）"); the names as typed, marked as user text.
function CustodianNames({ groups }: { groups: readonly { name: string | null; count: number }[] }) {
  const { lang, t } = useI18n();
  const name = (n: string | null) => (n ? <UserText>{n}</UserText> : t('daily.close.noTeacher'));
  if (groups.length === 1) return <>{name(groups[0]?.name ?? null)}</>;
  return (
    <>
      {groups.map((g, i) => (
        <Fragment key={g.name ?? ''}>
          {i > 0 ? (lang === 'en' ? ', ' : '、') : null}
          <MessageWithUserText
            text={t('daily.close.custodianCount', { name: '{name}', count: g.count })}
            nodes={{ name: name(g.name) }}
          />
        </Fragment>
      ))}
    </>
  );
}

// The children in custody now, per staff member keeping them, the most first.
function custodyNow(children: readonly DayChild[]): { name: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const c of children) {
    if (c.standing !== 'in_custody') continue;
    const name = c.custody?.staffName ?? null;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

/**
 * 已结束 with who and when (and the children then in custody, with whom), or the close button —
 * disabled with the reason while a child is unaccounted for. Children in extended custody do not hold
 * the close up (C 延时托管): the page says who keeps them and that the gate still releases them after it.
 */
export function CloseControl({ schoolId, view }: { schoolId: string; view: DayView }) {
  const { lang, t } = useI18n();
  const { modal, message } = App.useApp();
  const describe = useErrorText();
  const close = useCloseDay(schoolId, view.date);
  const [note, setNote] = useState('');
  const custody = custodyNow(view.children);
  const inCustody = custody.reduce((n, g) => n + g.count, 0);

  if (view.closure) {
    const c = view.closure;
    const atClose = c.summary.custodyByStaff.map((g) => ({ name: g.staffName, count: g.count }));
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
        {atClose.length > 0 ? (
          <span data-testid="closed-custody">
            <Muted>
              <MessageWithUserText
                text={t('daily.close.closedCustody', { count: c.summary.inCustody, names: '{names}' })}
                nodes={{ names: <CustodianNames groups={atClose} /> }}
              />
            </Muted>
          </span>
        ) : null}
        {c.note ? <Muted>{t('daily.close.closedNote', { note: c.note })}</Muted> : null}
      </Flex>
    );
  }

  const confirm = () =>
    modal.confirm({
      title: t('daily.close.closeConfirmTitle'),
      content:
        inCustody > 0
          ? `${t('daily.close.closeConfirm')} ${t('daily.close.closeConfirmCustody', { count: inCustody })}`
          : t('daily.close.closeConfirm'),
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
      {view.closable ? <Alert type="success" showIcon title={t('daily.close.closeReady')} /> : null}
      {view.closable && inCustody > 0 ? (
        <Alert
          type="info"
          showIcon
          data-testid="close-with-custody"
          title={
            <MessageWithUserText
              text={t('daily.close.closeWithCustody', { count: inCustody, names: '{names}' })}
              nodes={{ names: <CustodianNames groups={custody} /> }}
            />
          }
        />
      ) : null}
      {view.closable ? null : (
        <Alert
          type={view.counts.unaccounted > 0 ? 'error' : 'info'}
          showIcon
          data-testid="close-blocked"
          title={closeBlockedText(t, view.counts)}
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

// Why the day cannot close yet, the most pressing first: unknown, in school, to be marked (children in
// custody never hold it up).
function closeBlockedText(t: TFunction, counts: DayCounts): string {
  if (counts.unaccounted > 0) return t('daily.close.closeBlocked', { count: counts.unaccounted });
  if (counts.inSchool > 0) return t('daily.close.closeBlockedInSchool', { count: counts.inSchool });
  return t('daily.close.closeBlockedRollCall', { count: counts.awaitingRollCall });
}

/**
 * What happened to a child today, in short lines: marks, follow-up, custody, the release. The names
 * and words people typed (the leave reason, who marked, the contact's result) stand as `{name}` in
 * each line's text with their values apart, so the page marks them as user text (issue 14.13).
 */
export function childDayLines(t: TFunction, lang: Lang, c: DayChild): MarkedText[] {
  const lines: MarkedText[] = [];
  const line = (make: (user: (value: string) => string) => string) => {
    const values: Record<string, string> = {};
    const user = (value: string) => {
      const key = `u${Object.keys(values).length}`;
      values[key] = value;
      return `{${key}}`;
    };
    lines.push({ text: make(user), user: values });
  };
  const by = (user: (value: string) => string, name: string | null) =>
    name === null ? t('daily.close.system') : user(name);
  if (c.leave) {
    const reason = c.leave.reason;
    line((user) => t('daily.close.leaveReason', { reason: user(reason) }));
  }
  for (const m of c.marks) {
    line((user) =>
      t('daily.close.markLine', {
        time: formatTime(m.at),
        mark: t(`daily.close.mark.${m.mark}`),
        by: by(user, m.by),
      }),
    );
  }
  if (c.followUp && c.followUp.state !== 'cancelled') {
    const contact = c.followUp.contact;
    const state = c.followUp.state;
    line((user) =>
      contact
        ? t('daily.close.contact', { result: user(contact.result), reason: user(contact.reason) })
        : t(`daily.close.followUp.${state}`),
    );
  }
  if (c.called && !c.release) {
    const at = c.called.at;
    line(() => t('daily.close.calledAt', { time: formatTime(at) }));
  }
  if (c.custody) {
    const custody = c.custody;
    line((user) => {
      const time = formatTime(custody.at);
      const name = custody.staffName === null ? t('daily.close.noTeacher') : user(custody.staffName);
      const how = custody.by
        ? t('daily.close.custodyPlacedBy', { by: user(custody.by) })
        : custody.automatic
          ? t('daily.close.custodyAuto')
          : null;
      return how
        ? t('daily.close.custodyWithHow', { time, name, how })
        : t('daily.close.custodyWith', { time, name });
    });
  }
  if (c.release) {
    const r = c.release;
    line((user) => {
      if (!r.to) return t('daily.close.releasedAlone', { time: formatTime(r.at), by: by(user, r.by) });
      const relation = relationLabel(t, lang, r.to.relation);
      const relationText = relation === r.to.relation && lang === 'en' ? user(relation) : relation;
      const to =
        lang === 'en' ? `${user(r.to.name)} (${relationText})` : `${user(r.to.name)}（${relationText}）`;
      return t('daily.close.releasedTo', { time: formatTime(r.at), to, by: by(user, r.by) });
    });
  }
  return lines;
}

export function ChildRow({ child }: { child: DayChild }) {
  const { lang, t } = useI18n();
  const { token } = theme.useToken();
  const lines = childDayLines(t, lang, child);
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
            <div key={filled(line)} style={{ overflowWrap: 'anywhere' }}>
              <MessageWithUserText {...line} />
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
                {h.groupName ? <NameText name={h.groupName} /> : t('daily.close.handover.wholeSchool')}
              </strong>
              <Muted style={{ fontSize: 14 }}>{formatTime(h.recordedAt)}</Muted>
            </Flex>
            <div style={{ overflowWrap: 'anywhere' }}>
              <UserText>{h.fromName}</UserText> → <UserText>{h.toName}</UserText>
            </div>
            <Flex gap={6} align="center" wrap>
              <span style={{ color: mismatch ? token.colorError : undefined }}>
                {t('daily.close.handover.counts', { expected: h.expectedCount, counted: h.countedCount })}
              </span>
              {mismatch ? <Tag color="red">{t('daily.close.handover.mismatch')}</Tag> : null}
            </Flex>
            {h.discrepancies ? (
              <div style={{ fontSize: 14, color: token.colorError, overflowWrap: 'anywhere' }}>
                <UserText>{h.discrepancies}</UserText>
              </div>
            ) : null}
            <Muted style={{ fontSize: 13 }}>
              <MessageWithUserText
                text={t('daily.close.handover.recordedBy', {
                  name: '{name}',
                  time: formatTime(h.recordedAt),
                })}
                user={{ name: h.recordedBy.name }}
              />
            </Muted>
          </li>
        );
      })}
    </ul>
  );
}
