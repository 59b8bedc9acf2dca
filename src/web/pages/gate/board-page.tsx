import { Badge, Button, Empty, Flex, Input, Skeleton, Tag } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useServiceToday } from '../../api/clock-queries';
import { type BoardChild, type BoardConnection, useLiveBoard } from '../../api/departure-queries';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText, UserText } from '../../components/user-text';
import { classLabel, formatTime, generatedName } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { gateBase } from './gate-paths';

type Section = BoardChild['section'];
const SECTIONS: Section[] = ['waiting', 'called', 'released', 'custody', 'absent'];
// A long section shows its first rows until asked; the search box finds anyone.
const ROW_LIMIT = 40;
// Phones: the children called to the gate first; a tablet: waiting on the left, the rest on the right.
const PHONE_ORDER: Section[] = ['called', 'waiting', 'custody', 'released', 'absent'];
const RIGHT_COLUMN: Section[] = ['called', 'custody', 'released', 'absent'];

function useWide(minWidth: number): boolean {
  const query = `(min-width: ${minWidth}px)`;
  const [wide, setWide] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setWide(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return wide;
}

const SECTION_COLOR: Record<Section, string> = {
  waiting: '#1677ff',
  called: '#fa8c16',
  released: '#52c41a',
  custody: '#722ed1',
  absent: '#8c8c8c',
};

function ConnectionBadge({ connection }: { connection: BoardConnection }) {
  const { t } = useI18n();
  const status = connection === 'live' ? 'success' : connection === 'failed' ? 'error' : 'warning';
  return (
    <Badge
      status={status}
      text={t(`daily.departure.board.${connection === 'connecting' ? 'connecting' : connection}`)}
      data-testid="board-connection"
      data-state={connection}
    />
  );
}

function ChildRow({ child, releaseBase }: { child: BoardChild; releaseBase: string }) {
  const { lang, t } = useI18n();
  let detail: ReactNode = null;
  if (child.release) {
    const time = formatTime(child.release.at);
    // The person's name as typed, marked as user text (the every-page English check).
    detail = child.release.person ? (
      <MessageWithUserText
        text={t('daily.departure.board.releasedTo', { time, name: '{name}' })}
        user={{ name: child.release.person.name }}
      />
    ) : (
      t('daily.departure.board.releasedAlone', { time })
    );
  } else if (child.custody) {
    detail = (
      <MessageWithUserText
        text={t('daily.departure.board.custodyWith', { time: formatTime(child.custody.at), name: '{name}' })}
        user={{ name: child.custody.staffName ?? '' }}
      />
    );
  } else if (child.calledAt) {
    detail = formatTime(child.calledAt);
  } else if (child.status === 'expected') {
    detail = <Tag color="orange">{t('daily.departure.board.notMarked')}</Tag>;
  } else if (child.status === 'on_leave') {
    detail = t('daily.departure.board.onLeave');
  } else if (child.status === 'absent') {
    detail = t('daily.departure.board.absent');
  }
  const canRelease = child.section === 'waiting' || child.section === 'called' || child.section === 'custody';
  return (
    <li
      className="kh-list-row"
      data-testid="board-child"
      data-student={child.studentId}
      data-section={child.section}
      style={{ display: 'flex', alignItems: 'center', gap: 8, minHeight: 44 }}
    >
      <Flex vertical style={{ flex: 1, minWidth: 0 }}>
        <span className="kh-ellipsis" style={{ fontWeight: 600 }}>
          <UserText>{child.name}</UserText>
          {child.extendedCustody ? (
            <Tag color="purple" style={{ marginInlineStart: 6 }}>
              {t('daily.departure.release.flag.extendedCustody')}
            </Tag>
          ) : null}
        </span>
        <Muted style={{ fontSize: 13 }}>
          <span className="kh-ellipsis">
            {classLabel(child.grade, child.className, lang)}
            {child.groupName ? ` · ${generatedName(child.groupName, lang)}` : ''}
          </span>
        </Muted>
      </Flex>
      {detail ? <span style={{ fontSize: 13, flex: 'none', textAlign: 'right' }}>{detail}</span> : null}
      {canRelease ? (
        <Link to={`${releaseBase}?student=${encodeURIComponent(child.studentId)}`}>
          <Button size="small">{t('daily.departure.board.open')}</Button>
        </Link>
      ) : null}
    </li>
  );
}

function SectionPanel({
  section,
  children,
  releaseBase,
}: {
  section: Section;
  children: BoardChild[];
  releaseBase: string;
}) {
  const { t, lang } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? children : children.slice(0, ROW_LIMIT);
  const groups = useMemo(() => {
    if (section !== 'waiting') return [{ key: section, title: null as string | null, list: shown }];
    const byBatch = new Map<string, { title: string; time: string; list: BoardChild[] }>();
    const counts = new Map<string, number>();
    for (const c of children) counts.set(c.batch?.name ?? '', (counts.get(c.batch?.name ?? '') ?? 0) + 1);
    for (const c of shown) {
      const key = c.batch?.name ?? '';
      const entry = byBatch.get(key) ?? {
        title: c.batch
          ? `${generatedName(c.batch.name, lang)} ${c.batch.time}`
          : t('daily.departure.board.noBatch'),
        time: c.batch?.time ?? '99:99',
        list: [],
      };
      entry.list.push(c);
      byBatch.set(key, entry);
    }
    return [...byBatch.entries()]
      .sort((a, b) => a[1].time.localeCompare(b[1].time))
      .map(([key, v]) => ({
        key,
        title:
          lang === 'en' ? `${v.title} (${counts.get(key) ?? 0})` : `${v.title}（${counts.get(key) ?? 0}）`,
        list: v.list,
      }));
  }, [children, shown, section, t, lang]);
  return (
    <Panel
      data-testid={`board-section-${section}`}
      title={
        <Flex gap={8} align="center">
          <span
            aria-hidden="true"
            style={{ width: 10, height: 10, borderRadius: 5, background: SECTION_COLOR[section] }}
          />
          {t(`daily.departure.board.section.${section}`)}
          <Tag data-testid={`board-count-${section}`}>{children.length}</Tag>
        </Flex>
      }
    >
      {children.length === 0 ? (
        <Muted>{t('daily.departure.board.empty')}</Muted>
      ) : (
        groups.map((g) => (
          <div key={g.key}>
            {g.title ? (
              <Muted style={{ display: 'block', margin: '4px 0', fontWeight: 600 }}>{g.title}</Muted>
            ) : null}
            <ul className="kh-list" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
              {g.list.map((c) => (
                <ChildRow key={c.studentId} child={c} releaseBase={releaseBase} />
              ))}
            </ul>
          </div>
        ))
      )}
      {children.length > shown.length ? (
        <Button type="link" onClick={() => setAll(true)} data-testid={`board-more-${section}`}>
          {t('daily.departure.board.showAll', { count: children.length })}
        </Button>
      ) : null}
    </Panel>
  );
}

/**
 * F-13 校门看板: live over Server-Sent Events — waiting by batch, called, gone (when, with whom), in
 * extended custody (C 延时托管), not attending — with counts and the connection state. One column on a
 * phone, two on a tablet.
 */
export function GateBoardPage() {
  const { t } = useI18n();
  const membership = useActiveMembership();
  const date = useServiceToday();
  const { board, connection, error } = useLiveBoard(membership.schoolId ?? '', date);
  const [search, setSearch] = useState('');
  const releaseBase = `${gateBase(membership.role)}/release`;
  const wide = useWide(720);

  const bySection = useMemo(() => {
    const map = new Map<Section, BoardChild[]>(SECTIONS.map((s) => [s, []]));
    const needle = search.trim();
    for (const c of board?.children ?? []) {
      if (needle && !c.name.includes(needle)) continue;
      map.get(c.section)?.push(c);
    }
    const byTime = (at: (c: BoardChild) => string | null | undefined) => (a: BoardChild, b: BoardChild) =>
      (at(b) ?? '').localeCompare(at(a) ?? '');
    map.get('released')?.sort(byTime((c) => c.release?.at));
    map.get('called')?.sort(byTime((c) => c.calledAt));
    return map;
  }, [board, search]);
  // The counts are of the whole board, whatever the search shows.
  const counts = useMemo(() => {
    const map = new Map<Section, number>();
    for (const c of board?.children ?? []) map.set(c.section, (map.get(c.section) ?? 0) + 1);
    return map;
  }, [board]);

  return (
    <Flex vertical gap={12} data-testid="gate-board">
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Heading>{t('daily.departure.board.title')}</Heading>
        <ConnectionBadge connection={connection} />
      </Flex>
      {board ? (
        <Flex gap={6} wrap data-testid="board-counts">
          {SECTIONS.map((s) => (
            <Tag
              key={s}
              color={s === 'absent' ? 'default' : undefined}
              style={{ borderColor: SECTION_COLOR[s] }}
            >
              {t(`daily.departure.board.section.${s}`)} {counts.get(s) ?? 0}
            </Tag>
          ))}
          <Muted style={{ fontSize: 13 }}>
            {t('daily.departure.board.total', { count: board.children.length })}
          </Muted>
        </Flex>
      ) : null}
      {board?.scope === 'own_groups' ? <Muted>{t('daily.departure.board.scopeOwn')}</Muted> : null}
      <Input.Search
        allowClear
        placeholder={t('daily.departure.board.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {error && !board ? (
        <PageError error={error} onRetry={() => window.location.reload()} />
      ) : !board ? (
        <Panel>
          <Skeleton active paragraph={{ rows: 6 }} />
        </Panel>
      ) : board.children.length === 0 ? (
        <Panel>
          <Empty />
        </Panel>
      ) : (
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
          {(wide ? [['waiting'], RIGHT_COLUMN] : [PHONE_ORDER]).map((column) => (
            <Flex key={column.join()} vertical gap={12} style={{ flex: '1 1 0', minWidth: 0 }}>
              {column.map((s) => (
                <SectionPanel key={s} section={s as Section} releaseBase={releaseBase}>
                  {bySection.get(s as Section) ?? []}
                </SectionPanel>
              ))}
            </Flex>
          ))}
        </div>
      )}
    </Flex>
  );
}
