import { EllipsisOutlined, PhoneOutlined, SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, Input, Radio, Segmented, Skeleton, Tag, theme } from 'antd';
import {
  type CSSProperties,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { type MarkCounts, markCounts } from '../../../domain/roll-call-counts';
import {
  attendanceKeys,
  type RollCallChild,
  type RollCallData,
  useRecordFollowUp,
  useRollCall,
} from '../../api/attendance-queries';
import { onServerClock, useServerClock } from '../../api/clock-queries';
import { useErrorText } from '../../api/error-text';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText, NameText, PersonRelation, UserText } from '../../components/user-text';
import { classLabel, formatDate, formatTime } from '../../i18n/format';
import { type TFunction, useI18n } from '../../i18n/i18n';
import { deviceId, type MarkProblem, markQueue, newId, type QueueState } from '../../offline/mark-queue';
import { useActiveMembership } from '../../session/auth';
import { colors } from '../../theme';

type Mark = 'present' | 'late' | 'absent' | 'leave';
const STAGE_MS = 1_500;

// The server's time, also when the phone's own clock is wrong or the demo runs on another day: a mark
// carries the time the teacher tapped as the server counts it. Kept on the phone for offline reloads.
function useServerTime(): { today: string | undefined; now: () => Date } {
  const clock = useServerClock();
  const data = clock.data;
  useEffect(() => {
    if (!data) return;
    try {
      localStorage.setItem(
        'kehou.serverClock',
        JSON.stringify({ today: data.today, offset: Date.parse(data.now) - clock.dataUpdatedAt }),
      );
    } catch {
      // private mode: the page still works online
    }
  }, [data, clock.dataUpdatedAt]);
  let saved: { today?: string; offset?: number } = {};
  try {
    saved = JSON.parse(localStorage.getItem('kehou.serverClock') ?? '{}');
  } catch {
    saved = {};
  }
  const offset = data ? Date.parse(data.now) - clock.dataUpdatedAt : (saved.offset ?? 0);
  return { today: data?.today ?? saved.today, now: () => new Date(Date.now() + offset) };
}

function useQueue(): QueueState {
  return useSyncExternalStore(markQueue.subscribe, markQueue.getState);
}

function initials(name: string): string {
  // Chinese names: the given name (last two characters); others: first letters.
  if (/[\u4e00-\u9fff]/.test(name)) return name.slice(-2);
  return name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

const MARK_STYLE: Record<Mark | 'none', { bg: string; border: string; color: string }> = {
  present: { bg: '#f6ffed', border: '#52c41a', color: colors.success },
  late: { bg: '#fff7e6', border: '#fa8c16', color: colors.orange },
  absent: { bg: '#fff1f0', border: '#ff4d4f', color: '#cf1322' },
  leave: { bg: '#f5f5f5', border: '#d9d9d9', color: colors.textSecondary },
  none: { bg: '#ffffff', border: '#d9d9d9', color: '#595959' },
};

interface Effective {
  markId: string | null;
  mark: Mark | null;
  unsynced: boolean;
  pending: boolean;
}

function markLabel(t: TFunction, mark: Mark | null): string {
  return t(mark ? `daily.attendance.mark.${mark}` : 'daily.attendance.mark.none');
}

/**
 * F-11 roll call on the phone (A 三.5 在册的学生应当每天点名), for the care teacher's own groups and the
 * duty chief's whole school: "全部到齐" in one tap, a tap on a child for 到 ⇄ 缺席, "⋯" for 迟到, 请假,
 * the history and the guardians' phones. Marks go through the offline queue (B-4).
 */
export function RollCallPage() {
  const { lang, t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId ?? null;
  const { today, now } = useServerTime();
  const rollCall = useRollCall(schoolId, today, null);
  const queue = useQueue();
  const client = useQueryClient();
  const [groupFilter, setGroupFilter] = useState<string>('all');
  const [staged, setStaged] = useState<Map<string, Mark>>(new Map());
  const stagedRef = useRef(staged);
  stagedRef.current = staged;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const view = rollCall.data?.view;
  const children = useMemo(() => {
    if (!view) return [] as RollCallChild[];
    return [...view.groups.flatMap((g) => g.children), ...view.ungrouped];
  }, [view]);

  // The marks waiting in the queue for this day, in order: they are what the teacher sees.
  const queued = useMemo(
    () =>
      queue.batches
        .filter((b) => b.schoolId === schoolId && b.date === today && !b.error)
        .flatMap((b) => b.marks),
    [queue.batches, schoolId, today],
  );
  const effective = useCallback(
    (child: RollCallChild, withStaged = true): Effective => {
      let markId = child.markId;
      let mark = child.mark as Mark | null;
      let unsynced = false;
      for (const m of queued) {
        if (m.studentId !== child.studentId) continue;
        markId = m.id;
        mark = m.mark;
        unsynced = true;
      }
      const stagedMark = withStaged ? stagedRef.current.get(child.studentId) : undefined;
      if (stagedMark) return { markId, mark: stagedMark, unsynced: true, pending: true };
      return { markId, mark, unsynced, pending: false };
    },
    [queued],
  );

  // After a sync, the server's answer is the child's mark until the roll call is read again.
  useEffect(
    () =>
      markQueue.onSynced((batch, result) => {
        const key = attendanceKeys.rollCall(batch.schoolId, batch.date, null);
        client.setQueryData<RollCallData>(key, (old) => {
          if (!old) return old;
          const current = new Map(result.results.map((r) => [r.studentId, r.current]));
          const patch = (c: RollCallChild): RollCallChild => {
            const cur = current.get(c.studentId);
            return cur ? { ...c, markId: cur.markId, mark: cur.mark } : c;
          };
          return {
            ...old,
            view: {
              ...old.view,
              groups: old.view.groups.map((g) => ({ ...g, children: g.children.map(patch) })),
              ungrouped: old.view.ungrouped.map(patch),
            },
          };
        });
        void client.invalidateQueries({ queryKey: ['roll-call', batch.schoolId, batch.date] });
      }),
    [client],
  );

  const markOf = useCallback(
    (studentId: string, mark: Mark, basedOn: string | null) => ({
      id: newId(),
      studentId,
      mark,
      basedOn,
      at: now().toISOString(),
      deviceId: deviceId(),
    }),
    [now],
  );

  // Taps on children wait a moment (a wrong tap undone at once sends nothing to a guardian), then
  // go to the queue together.
  const stagedMarks = useCallback(() => {
    const marks = [];
    for (const [studentId, mark] of stagedRef.current) {
      const child = children.find((c) => c.studentId === studentId);
      if (!child) continue;
      const base = effective(child, false);
      if (base.mark === mark) continue;
      marks.push(markOf(studentId, mark, base.markId));
    }
    return marks;
  }, [children, effective, markOf]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const marks = stagedMarks();
    setStaged(new Map());
    stagedRef.current = new Map();
    if (schoolId && today) await markQueue.enqueue(schoolId, today, marks);
  }, [schoolId, stagedMarks, today]);

  useEffect(() => {
    const leave = () => void flush();
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, [flush]);

  const closed = view?.closed ?? false;
  const shown = children.filter((c) => {
    if (groupFilter === 'all') return true;
    if (groupFilter === 'followUps') return c.followUp?.state === 'open' || c.followUp?.state === 'escalated';
    if (groupFilter === 'none') return c.groupId === null;
    return c.groupId === groupFilter;
  });
  const unmarked = shown.filter((c) => effective(c).mark === null);

  const tap = (child: RollCallChild) => {
    if (closed) return;
    const e = effective(child);
    if (e.mark === 'leave' || ['in_custody', 'released', 'called'].includes(child.status)) {
      setOpen(child.studentId);
      return;
    }
    const next: Mark = e.mark === 'absent' ? 'present' : 'absent';
    const map = new Map(stagedRef.current);
    map.set(child.studentId, next);
    stagedRef.current = map;
    setStaged(map);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), STAGE_MS);
  };

  const allPresent = async () => {
    const marks = stagedMarks();
    const stagedIds = new Set(stagedRef.current.keys());
    for (const c of unmarked) {
      if (stagedIds.has(c.studentId)) continue;
      marks.push(markOf(c.studentId, 'present', effective(c, false).markId));
    }
    if (timer.current) clearTimeout(timer.current);
    setStaged(new Map());
    stagedRef.current = new Map();
    if (schoolId && today) await markQueue.enqueue(schoolId, today, marks);
  };

  const markNow = async (child: RollCallChild, mark: Mark) => {
    await flush();
    const e = effective(child, false);
    if (e.mark === mark || !schoolId || !today) return;
    await markQueue.enqueue(schoolId, today, [markOf(child.studentId, mark, e.markId)]);
  };

  if (!schoolId || !today || rollCall.isPending) {
    return (
      <Panel>
        <Skeleton active paragraph={{ rows: 6 }} />
      </Panel>
    );
  }
  if (rollCall.isError || !view) {
    return <PageError error={rollCall.error} onRetry={() => rollCall.refetch()} />;
  }

  // 实到 counts late children too: one rule with the duty chief's figures (domain/roll-call-counts.ts).
  const counts = markCounts(shown.map((c) => effective(c).mark));
  const dayProblems = queue.problems.filter((p) => p.schoolId === schoolId && p.date === today);
  const refusedBatches = queue.batches.filter((b) => b.schoolId === schoolId && b.date === today && b.error);
  const unsyncedCount = queued.length + staged.size;
  const openChild = children.find((c) => c.studentId === open) ?? null;
  const groupOptions = [
    { value: 'all', label: t('daily.attendance.filter.all') },
    ...(view.groups.length > 1
      ? view.groups.map((g) => ({ value: g.id, label: <NameText name={g.name} /> }))
      : []),
    ...(view.ungrouped.length > 0 ? [{ value: 'none', label: t('daily.attendance.ungrouped') }] : []),
    { value: 'followUps', label: t('daily.attendance.filter.followUps') },
  ];

  return (
    <Flex vertical gap={12} data-testid="roll-call-page" style={{ paddingBottom: 8 }}>
      <Flex justify="space-between" align="baseline" gap={8} wrap>
        <Heading>{t('daily.attendance.title')}</Heading>
        <Muted>{formatDate(today, lang, { weekday: true })}</Muted>
      </Flex>
      <GroupHeader groups={view.groups} filter={groupFilter} />
      {rollCall.data?.savedAt ? (
        <Alert
          type="warning"
          showIcon
          title={t('daily.attendance.savedCopy', { time: formatTime(rollCall.data.savedAt) })}
        />
      ) : null}
      {closed ? <Alert type="info" showIcon title={t('daily.attendance.closed')} /> : null}
      {!closed && children.length > 0 ? <Muted>{t('daily.attendance.hint')}</Muted> : null}

      {dayProblems.length > 0 || refusedBatches.length > 0 ? (
        <Panel title={t('daily.attendance.problems')} data-testid="mark-problems">
          <Flex vertical gap={12}>
            {dayProblems.map((p) => (
              <ProblemRow
                key={p.markId}
                problem={p}
                child={children.find((c) => c.studentId === p.studentId) ?? null}
                onResolve={async (apply) => {
                  const child = children.find((c) => c.studentId === p.studentId);
                  if (apply && child) await markNow(child, p.mark);
                  await markQueue.dismissProblem(p.markId);
                }}
              />
            ))}
            {refusedBatches.map((b) => (
              <Alert
                key={b.batchId}
                type="error"
                showIcon
                title={t('daily.attendance.batchRefused', {
                  count: b.marks.length,
                  message: pickMessage(b.error?.message ?? '', lang),
                })}
                action={
                  <Button size="small" onClick={() => void markQueue.discardBatch(b.batchId)}>
                    {t('daily.attendance.discard')}
                  </Button>
                }
              />
            ))}
          </Flex>
        </Panel>
      ) : null}

      {groupOptions.length > 2 ? (
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            value={groupFilter}
            onChange={(v) => setGroupFilter(String(v))}
            options={groupOptions}
            data-testid="group-filter"
          />
        </div>
      ) : null}

      {children.length === 0 ? (
        <Panel>
          <Muted>{t('daily.attendance.empty')}</Muted>
        </Panel>
      ) : (
        <ChildGrid
          items={shown}
          view={view}
          effective={effective}
          onTap={tap}
          onMore={(c) => setOpen(c.studentId)}
          showGroups={groupFilter === 'all' && view.groups.length > 1}
        />
      )}

      <SummaryBar
        counts={counts}
        unsynced={unsyncedCount}
        queue={queue}
        allPresentCount={closed ? 0 : unmarked.length}
        onAllPresent={() => void allPresent()}
      />

      <Drawer
        open={openChild !== null}
        onClose={() => setOpen(null)}
        placement="bottom"
        size="large"
        title={
          openChild ? (
            <MessageWithUserText
              text={t('person.nameAndGroup', {
                name: '{name}',
                group: classLabel(openChild.grade, openChild.className, lang),
              })}
              user={{ name: openChild.name }}
            />
          ) : (
            ''
          )
        }
        destroyOnHidden
      >
        {openChild ? (
          <ChildSheet
            child={openChild}
            effective={effective(openChild)}
            queuedMarks={queued.filter((m) => m.studentId === openChild.studentId)}
            closed={closed}
            schoolId={schoolId}
            date={today}
            now={now}
            limitMinutes={view.followUpLimitMinutes}
            onMark={(mark) => void markNow(openChild, mark)}
          />
        ) : null}
      </Drawer>
    </Flex>
  );
}

type ViewGroup = RollCallData['view']['groups'][number];

// Which group the teacher is calling, and where it meets: one line per group shown (the group picked
// in the filter, else every group of the view; a whole school names how many groups there are).
function GroupHeader({ groups, filter }: { groups: ViewGroup[]; filter: string }) {
  const { t } = useI18n();
  const picked = groups.filter((g) => g.id === filter);
  const shown = picked.length > 0 ? picked : groups.length <= 3 ? groups : [];
  if (groups.length === 0) return null;
  return (
    <Panel data-testid="roll-call-groups">
      {shown.length === 0 ? (
        <Muted>{t('today.rollCall.groupCount', { count: groups.length })}</Muted>
      ) : (
        <Flex vertical gap={4}>
          {shown.map((g) => (
            <Flex key={g.id} gap={8} wrap align="baseline" data-testid="roll-call-group">
              <strong style={{ fontSize: 17 }}>
                <NameText name={g.name} />
              </strong>
              <Muted>
                {g.venueName ? (
                  <MessageWithUserText
                    text={t('today.rollCall.venue', { venue: '{venue}' })}
                    user={{ venue: g.venueName }}
                  />
                ) : (
                  t('today.rollCall.venue', { venue: t('today.rollCall.noVenue') })
                )}
              </Muted>
            </Flex>
          ))}
        </Flex>
      )}
    </Panel>
  );
}

function pickMessage(message: string, lang: string): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + 3) : message.slice(0, at);
}

function ChildGrid({
  items,
  view,
  effective,
  onTap,
  onMore,
  showGroups,
}: {
  items: RollCallChild[];
  view: NonNullable<RollCallData['view']>;
  effective: (c: RollCallChild) => Effective;
  onTap: (c: RollCallChild) => void;
  onMore: (c: RollCallChild) => void;
  showGroups: boolean;
}) {
  const { t } = useI18n();
  const sections = showGroups
    ? [
        ...view.groups.map((g) => ({
          key: g.id,
          title: (
            <>
              <NameText name={g.name} />
              {g.venueName ? (
                <>
                  {' · '}
                  <MessageWithUserText
                    text={t('today.rollCall.venue', { venue: '{venue}' })}
                    user={{ venue: g.venueName }}
                  />
                </>
              ) : null}
              {g.teacherName ? (
                <>
                  {' · '}
                  <MessageWithUserText
                    text={t('daily.attendance.teacher', { name: '{name}' })}
                    user={{ name: g.teacherName }}
                  />
                </>
              ) : null}
            </>
          ),
          items: items.filter((c) => c.groupId === g.id),
        })),
        {
          key: 'none',
          title: t('daily.attendance.ungrouped'),
          items: items.filter((c) => c.groupId === null),
        },
      ].filter((s) => s.items.length > 0)
    : [{ key: 'all', title: null, items }];
  return (
    <Flex vertical gap={12}>
      {sections.map((s) => (
        <Flex vertical gap={8} key={s.key}>
          {s.title ? <Muted style={{ fontWeight: 600 }}>{s.title}</Muted> : null}
          <ul
            style={{
              display: 'grid',
              gridTemplateColumns: 'repeat(auto-fill, minmax(104px, 1fr))',
              gap: 8,
              margin: 0,
              padding: 0,
              listStyle: 'none',
            }}
          >
            {s.items.map((c) => (
              <ChildCard key={c.studentId} child={c} effective={effective(c)} onTap={onTap} onMore={onMore} />
            ))}
          </ul>
        </Flex>
      ))}
    </Flex>
  );
}

function ChildCard({
  child,
  effective,
  onTap,
  onMore,
}: {
  child: RollCallChild;
  effective: Effective;
  onTap: (c: RollCallChild) => void;
  onMore: (c: RollCallChild) => void;
}) {
  const { t } = useI18n();
  const moreLabelId = useId();
  const style = MARK_STYLE[effective.mark ?? 'none'];
  const special =
    child.status === 'in_custody' || child.status === 'released' || child.status === 'called'
      ? t(`daily.attendance.status.${child.status}`)
      : null;
  const follow =
    effective.mark === 'absent' && (child.followUp?.state === 'open' || child.followUp?.state === 'escalated')
      ? child.followUp.state
      : null;
  const button: CSSProperties = {
    width: '100%',
    minHeight: 112,
    padding: '10px 6px 8px',
    border: `2px ${effective.mark ? 'solid' : 'dashed'} ${style.border}`,
    borderRadius: 10,
    background: style.bg,
    color: '#262626',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: 2,
    cursor: 'pointer',
    font: 'inherit',
  };
  return (
    <li
      style={{ position: 'relative', minWidth: 0 }}
      data-testid="child-card"
      data-mark={effective.mark ?? 'none'}
    >
      <button
        type="button"
        style={button}
        onClick={() => onTap(child)}
        data-testid={`child-${child.studentNo}`}
      >
        <span
          aria-hidden="true"
          style={{
            width: 40,
            height: 40,
            borderRadius: '50%',
            background: effective.mark === 'leave' ? colors.leave : colors.primary,
            color: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 15,
            flex: 'none',
          }}
        >
          <UserText>{initials(child.name)}</UserText>
        </span>
        <span className="kh-ellipsis" style={{ maxWidth: '100%', fontWeight: 600, fontSize: 15 }}>
          <UserText>{child.name}</UserText>
        </span>
        <span className="kh-ellipsis" style={{ maxWidth: '100%', fontSize: 12, color: colors.textSecondary }}>
          <NameText name={child.className} />
        </span>
        <span style={{ fontSize: 13, color: style.color, fontWeight: 600 }}>
          {special ?? markLabel(t, effective.mark)}
        </span>
        {effective.mark === 'leave' && child.leave ? (
          <span
            className="kh-ellipsis"
            style={{ maxWidth: '100%', fontSize: 12, color: colors.textSecondary }}
          >
            <UserText>{child.leave.reason}</UserText>
          </span>
        ) : null}
        {follow ? (
          <Tag color={follow === 'escalated' ? 'red' : 'orange'} style={{ margin: 0, fontSize: 12 }}>
            {t(`daily.attendance.followUp.${follow}`)}
          </Tag>
        ) : null}
      </button>
      {effective.unsynced ? (
        <span
          role="img"
          aria-label={t(effective.pending ? 'daily.attendance.sync.pending' : 'daily.attendance.unsyncedDot')}
          data-testid="unsynced-dot"
          style={{
            position: 'absolute',
            top: 8,
            left: 8,
            width: 10,
            height: 10,
            borderRadius: '50%',
            background: effective.pending ? '#faad14' : '#fa541c',
          }}
        />
      ) : null}
      {/* The label names the child as user text (issue 14.13): "徐欣曦: more" in English. */}
      <span id={moreLabelId} hidden>
        <MessageWithUserText
          text={t('daily.attendance.more', { name: '{name}' })}
          user={{ name: child.name }}
        />
      </span>
      <button
        type="button"
        onClick={() => onMore(child)}
        aria-labelledby={moreLabelId}
        data-testid="child-more"
        style={{
          position: 'absolute',
          top: 0,
          right: 0,
          width: 44,
          height: 44,
          border: 'none',
          background: 'transparent',
          cursor: 'pointer',
          fontSize: 18,
          color: '#595959',
        }}
      >
        <EllipsisOutlined />
      </button>
    </li>
  );
}

function SummaryBar({
  counts,
  unsynced,
  queue,
  allPresentCount,
  onAllPresent,
}: {
  counts: MarkCounts;
  unsynced: number;
  queue: QueueState;
  allPresentCount: number;
  onAllPresent: () => void;
}) {
  const { t } = useI18n();
  const { token } = theme.useToken();
  const figures: [string, number, string][] = [
    ['expected', counts.expected, token.colorText],
    ['present', counts.attended, colors.success],
    ['absent', counts.absent, '#cf1322'],
    ['leave', counts.onLeave, colors.textSecondary],
    ['late', counts.late, colors.orange],
  ];
  const status =
    unsynced === 0
      ? { text: t('daily.attendance.sync.synced'), color: colors.success }
      : queue.syncing
        ? { text: t('daily.attendance.sync.syncing'), color: colors.primary }
        : { text: t('daily.attendance.sync.unsynced', { count: unsynced }), color: '#d4380d' };
  return (
    <div
      data-testid="roll-call-bar"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 5,
        margin: '0 -12px',
        padding: '10px 12px calc(10px + env(safe-area-inset-bottom))',
        background: token.colorBgContainer,
        borderTop: `1px solid ${token.colorBorderSecondary}`,
        boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
      }}
    >
      <Flex justify="space-between" gap={4} style={{ marginBottom: 8 }}>
        {figures.map(([key, value, color]) => (
          <Flex
            vertical
            align="center"
            key={key}
            style={{ minWidth: 0, flex: 1 }}
            data-testid={`count-${key}`}
          >
            <span style={{ fontSize: 20, fontWeight: 700, color, lineHeight: 1.2 }}>{value}</span>
            <span style={{ fontSize: 12, color: token.colorTextSecondary }}>
              {t(`daily.attendance.count.${key}` as 'daily.attendance.count.present')}
            </span>
          </Flex>
        ))}
      </Flex>
      <Flex gap={8} align="center">
        <Button
          type="primary"
          size="large"
          style={{ flex: 1, minWidth: 0, height: 48 }}
          disabled={allPresentCount === 0}
          onClick={onAllPresent}
          data-testid="all-present"
        >
          {allPresentCount === 0
            ? t('daily.attendance.allMarked')
            : t('daily.attendance.allPresent', { count: allPresentCount })}
        </Button>
        <Button
          size="large"
          style={{ height: 48, color: status.color, maxWidth: '48%' }}
          icon={<SyncOutlined spin={queue.syncing} />}
          onClick={() => void markQueue.sync()}
          // The name starts with what the button shows (WCAG 2.5.3), then what a tap does.
          aria-label={`${status.text} · ${t('daily.attendance.sync.retryNow')}`}
          data-testid="sync-status"
        >
          <span className="kh-ellipsis">{status.text}</span>
        </Button>
      </Flex>
      {unsynced > 0 && !queue.online ? (
        <Muted style={{ display: 'block', marginTop: 6, fontSize: 13 }}>
          {t('daily.attendance.sync.offline')}
          {queue.retryAt
            ? ` · ${t('daily.attendance.sync.retryAt', { time: formatTime(onServerClock(queue.retryAt)) })}`
            : ''}
        </Muted>
      ) : null}
    </div>
  );
}

function ProblemRow({
  problem,
  child,
  onResolve,
}: {
  problem: MarkProblem;
  child: RollCallChild | null;
  onResolve: (apply: boolean) => Promise<void>;
}) {
  const { lang, t } = useI18n();
  const name = child?.name ?? '';
  const mine = markLabel(t, problem.mark);
  if (problem.status === 'conflict') {
    const current = (problem.details.current ?? {}) as { mark?: Mark | null; at?: string | null };
    // The roll call read since shows the mark in force now.
    const theirsMark = (child?.mark as Mark | null | undefined) ?? current.mark ?? null;
    const theirs = markLabel(t, theirsMark);
    return (
      <Flex vertical gap={8} data-testid="mark-conflict">
        <span>
          {t('daily.attendance.conflict', {
            name,
            mine,
            theirs,
            time: current.at ? formatTime(current.at) : '',
          })}
        </span>
        <Flex gap={8} wrap>
          <Button onClick={() => void onResolve(false)}>
            {t('daily.attendance.keepTheirs', { theirs })}
          </Button>
          <Button type="primary" danger={problem.mark === 'absent'} onClick={() => void onResolve(true)}>
            {t('daily.attendance.applyMine', { mine })}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      data-testid="mark-refused"
      title={t('daily.attendance.refused', { name, mine, message: pickMessage(problem.message, lang) })}
      action={
        <Button size="small" onClick={() => void onResolve(false)}>
          {t('daily.attendance.dismiss')}
        </Button>
      }
    />
  );
}

function ChildSheet({
  child,
  effective,
  queuedMarks,
  closed,
  schoolId,
  date,
  now,
  limitMinutes,
  onMark,
}: {
  child: RollCallChild;
  effective: Effective;
  queuedMarks: { id: string; mark: Mark; at: string }[];
  closed: boolean;
  schoolId: string;
  date: string;
  now: () => Date;
  limitMinutes: number;
  onMark: (mark: Mark) => void;
}) {
  const { t } = useI18n();
  const locked = closed || ['in_custody', 'released', 'called'].includes(child.status);
  const follow = child.followUp;
  const needsFollowUp =
    effective.mark === 'absent' && (follow?.state === 'open' || follow?.state === 'escalated');
  return (
    <Flex vertical gap={16} data-testid="child-sheet">
      <Flex gap={4} wrap>
        {child.extendedCustody ? <Tag color="purple">{t('daily.attendance.flag.custody')}</Tag> : null}
        {child.mayLeaveAlone ? <Tag color="green">{t('daily.attendance.flag.alone')}</Tag> : null}
      </Flex>
      {child.leave ? (
        <Alert
          type="info"
          showIcon
          title={t('daily.attendance.leaveReason', { reason: child.leave.reason })}
        />
      ) : null}
      {!locked ? (
        <Flex vertical gap={6}>
          <Muted>{t('daily.attendance.markAs')}</Muted>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8 }}>
            {(['present', 'late', 'absent', 'leave'] as const).map((m) => (
              <Button
                key={m}
                size="large"
                type={effective.mark === m ? 'primary' : 'default'}
                danger={m === 'absent'}
                style={{ height: 52 }}
                onClick={() => onMark(m)}
                data-testid={`mark-${m}`}
              >
                {markLabel(t, m)}
              </Button>
            ))}
          </div>
        </Flex>
      ) : null}

      <Flex vertical gap={4}>
        <Muted>{t('daily.attendance.history')}</Muted>
        <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="mark-history">
          {child.history.map((h, i) => (
            <li key={h.id ?? `leave-${i}`}>
              {t('daily.attendance.history.entry', {
                mark: markLabel(t, h.mark),
                time: formatTime(h.at),
                by:
                  h.source === 'leave_request'
                    ? t('daily.attendance.history.leaveRequest')
                    : (h.byName ?? ''),
              })}
            </li>
          ))}
          {queuedMarks.map((m) => (
            <li key={m.id} style={{ color: '#d4380d' }}>
              {t('daily.attendance.history.unsynced', { mark: markLabel(t, m.mark), time: formatTime(m.at) })}
            </li>
          ))}
        </ol>
      </Flex>

      {child.guardians.length > 0 ? (
        <Flex vertical gap={6}>
          <Muted>{t('daily.attendance.guardians')}</Muted>
          {child.guardians.map((g) => (
            <Flex key={`${g.name}${g.relation}`} justify="space-between" align="center" gap={8} wrap>
              <span>
                <PersonRelation name={g.name} relation={g.relation} />
              </span>
              {g.phone && !g.phone.includes('*') ? (
                <Button
                  icon={<PhoneOutlined />}
                  href={`tel:${g.phone}`}
                  aria-label={t('common.call', { phone: g.phone })}
                >
                  {g.phone}
                </Button>
              ) : (
                <Muted>{g.phone ?? ''}</Muted>
              )}
            </Flex>
          ))}
        </Flex>
      ) : null}

      {follow && effective.mark === 'absent' ? (
        <FollowUpPart
          child={child}
          schoolId={schoolId}
          date={date}
          now={now}
          needsFollowUp={needsFollowUp}
          limitMinutes={limitMinutes}
        />
      ) : null}
    </Flex>
  );
}

function FollowUpPart({
  child,
  schoolId,
  date,
  now,
  needsFollowUp,
}: {
  child: RollCallChild;
  schoolId: string;
  date: string;
  now: () => Date;
  needsFollowUp: boolean;
  limitMinutes: number;
}) {
  const { t } = useI18n();
  const describe = useErrorText();
  const record = useRecordFollowUp(schoolId, date);
  const first = child.guardians[0];
  const [contactPerson, setContactPerson] = useState(
    first ? t('person.nameRelation', { name: first.name, relation: first.relation }) : '',
  );
  const [result, setResult] = useState(t('daily.attendance.followUp.result.reached'));
  const [reason, setReason] = useState('');
  const [id] = useState(newId);
  const formId = useId();
  // Fixed at the first tap, so that a retried tap sends the same record (same id, same time).
  const [at, setAt] = useState<string | null>(null);
  const follow = child.followUp;
  if (!follow) return null;
  if (!needsFollowUp) {
    return follow.contact ? (
      <Alert
        type="success"
        showIcon
        title={t('daily.attendance.followUp.closed')}
        description={t('daily.attendance.followUp.record', {
          person: follow.contact.contactPerson ?? '',
          result: follow.contact.result,
          reason: follow.contact.reason,
          time: formatTime(follow.contact.at),
        })}
      />
    ) : null;
  }
  const reasons = ['sick', 'personal', 'pickedUp', 'unknown'] as const;
  return (
    <Panel title={t('daily.attendance.followUp.title')} data-testid="follow-up-form">
      <Flex vertical gap={10}>
        <Alert
          type={follow.state === 'escalated' ? 'error' : 'warning'}
          showIcon
          title={
            follow.state === 'escalated' && follow.escalatedAt
              ? t('daily.attendance.followUp.escalatedAt', { time: formatTime(follow.escalatedAt) })
              : t('daily.attendance.followUp.due', { time: formatTime(follow.dueAt) })
          }
        />
        <label htmlFor={`${formId}-contact`}>
          <Muted>{t('daily.attendance.followUp.contactPerson')}</Muted>
          <Input
            id={`${formId}-contact`}
            value={contactPerson}
            onChange={(e) => setContactPerson(e.target.value)}
            maxLength={50}
          />
        </label>
        <Flex vertical gap={4}>
          <Muted>{t('daily.attendance.followUp.result')}</Muted>
          <Radio.Group
            value={result}
            onChange={(e) => setResult(e.target.value)}
            optionType="button"
            options={[
              t('daily.attendance.followUp.result.reached'),
              t('daily.attendance.followUp.result.notReached'),
            ]}
          />
        </Flex>
        <Flex vertical gap={4}>
          <Muted>{t('daily.attendance.followUp.reason')}</Muted>
          <Flex gap={6} wrap>
            {reasons.map((r) => {
              const label = t(`daily.attendance.followUp.reason.${r}`);
              return (
                <Button
                  key={r}
                  size="small"
                  type={reason === label ? 'primary' : 'default'}
                  onClick={() => setReason(label)}
                >
                  {label}
                </Button>
              );
            })}
          </Flex>
          <Input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            maxLength={200}
            data-testid="follow-up-reason"
          />
        </Flex>
        {record.isError ? (
          <Alert
            type="error"
            showIcon
            title={
              record.error instanceof Error && 'isNetworkError' in record.error && record.error.isNetworkError
                ? t('daily.attendance.followUp.needsNetwork')
                : describe(record.error)
            }
          />
        ) : null}
        <Button
          type="primary"
          block
          loading={record.isPending}
          disabled={!contactPerson.trim() || !reason.trim() || !result}
          onClick={() => {
            const time = at ?? now().toISOString();
            setAt(time);
            record.mutate({
              studentId: child.studentId,
              body: { id, contactPerson: contactPerson.trim(), result, reason: reason.trim(), at: time },
            });
          }}
          data-testid="follow-up-submit"
        >
          {t('daily.attendance.followUp.submit')}
        </Button>
      </Flex>
    </Panel>
  );
}
