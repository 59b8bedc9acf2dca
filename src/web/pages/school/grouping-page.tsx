import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Weekday } from '../../../domain/dates';
import { ApiError, pickLanguage } from '../../api/client';
import { useErrorText } from '../../api/error-text';
import {
  type GroupingProblemView,
  type GroupingView,
  type ProposalInput,
  useGrouping,
  useProposeGrouping,
  useSaveGrouping,
} from '../../api/grouping-queries';
import { useSchoolTerms } from '../../api/queries';
import { Clause } from '../../components/clause';
import { PageError, PageSpin } from '../../components/page-state';
import { selectionTitle } from '../../components/selection-title';
import { NameText, UserText } from '../../components/user-text';
import { clauseRef, formatDate, formatGrades, generatedName, todayInShanghai } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { defaultTerm, weekdayLabel } from './grouping-labels';
import {
  addGroup,
  type DraftGroup,
  dayQuota,
  draftFrom,
  liveProblems,
  moveChildren,
  type Person,
  peopleOf,
  removeGroup,
  toSaveInput,
  unplacedOn,
  updateGroup,
} from './grouping-model';

const SEVERITY_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;

const BAND_PRESETS: Record<string, ProposalInput['gradeBands']> = {
  auto: undefined,
  single: [[1], [2], [3], [4], [5], [6], [7], [8], [9]],
  pairs: [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8, 9],
  ],
};

/** F-08 编班: the term's groups per weekday, the automatic proposal, moves between groups, save. */
export function GroupingPage() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const describe = useErrorText();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId;
  const termsQuery = useSchoolTerms(schoolId);
  const [params, setParams] = useSearchParams();
  const terms = termsQuery.data ?? [];
  const term = terms.find((x) => x.id === params.get('term')) ?? defaultTerm(terms, todayInShanghai());
  const groupingQuery = useGrouping(schoolId, term?.id ?? null);
  const propose = useProposeGrouping(schoolId ?? '', term?.id ?? '');
  const save = useSaveGrouping(schoolId ?? '', term?.id ?? '');

  const [view, setView] = useState<GroupingView | null>(null);
  const [draft, setDraft] = useState<DraftGroup[]>([]);
  const [dirty, setDirty] = useState(false);
  const [fromProposal, setFromProposal] = useState(false);
  const [saveErrors, setSaveErrors] = useState<string[]>([]);
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [bands, setBands] = useState<keyof typeof BAND_PRESETS>('auto');
  const [maxGroupSize, setMaxGroupSize] = useState<number | null>(null);
  const weekdayParam = Number(params.get('day'));

  // Another term: nothing of the previous one stays on the page.
  const termKey = term?.id ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: resets on every change of term on purpose
  useEffect(() => {
    setView(null);
    setDraft([]);
    setDirty(false);
    setSaveErrors([]);
  }, [termKey]);

  // The stored grouping, whenever it is (re)loaded and nothing is being edited.
  useEffect(() => {
    if (!groupingQuery.data || dirty) return;
    setView(groupingQuery.data);
    setDraft(draftFrom(groupingQuery.data));
    setFromProposal(false);
  }, [groupingQuery.data, dirty]);

  const problems = useMemo(() => (view ? liveProblems(view, draft) : []), [view, draft]);
  const people = useMemo(() => (view ? peopleOf(view) : new Map<string, Person>()), [view]);

  if (!schoolId) return <Alert type="warning" showIcon title={t('school.missing')} />;

  const edit = (next: DraftGroup[]) => {
    setDraft(next);
    setDirty(true);
    setSaveErrors([]);
  };

  const runProposal = () => {
    setOptionsOpen(false);
    propose.mutate(
      {
        ...(BAND_PRESETS[bands] ? { gradeBands: BAND_PRESETS[bands] } : {}),
        ...(maxGroupSize ? { maxGroupSize } : {}),
      },
      {
        onSuccess: (proposal) => {
          setView(proposal);
          setDraft(draftFrom(proposal));
          setDirty(true);
          setFromProposal(true);
          setSaveErrors([]);
          message.success(t('grouping.proposed', { groups: proposal.groups.length }));
        },
        onError: (e) => message.error(describe(e)),
      },
    );
  };

  const runSave = () => {
    save.mutate(toSaveInput(draft), {
      onSuccess: (saved) => {
        setView(saved);
        setDraft(draftFrom(saved));
        setDirty(false);
        setFromProposal(false);
        setSaveErrors([]);
        message.success(t('grouping.saved'));
      },
      onError: (e) => {
        setSaveErrors(
          e instanceof ApiError && e.fields.length > 0
            ? [...new Set(e.fields.map((f) => pickLanguage(f.message, lang)))]
            : [describe(e)],
        );
        message.error(describe(e));
      },
    });
  };

  const discard = () => {
    setDirty(false);
    setSaveErrors([]);
    if (groupingQuery.data) {
      setView(groupingQuery.data);
      setDraft(draftFrom(groupingQuery.data));
      setFromProposal(false);
    }
  };

  const noPlan = groupingQuery.error instanceof ApiError && groupingQuery.error.code === 'NO_APPROVED_PLAN';
  const weekdays = (view?.plan.weekdays ?? []).map((d) => d as Weekday);
  const activeDay = (weekdays.includes(weekdayParam as Weekday) ? weekdayParam : weekdays[0]) as
    | Weekday
    | undefined;
  const errors = problems.filter((p) => p.severity === 'error').length;

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('grouping.title')}
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label={t('grouping.term')}
            value={term?.id}
            onChange={(id: string) => {
              setDirty(false);
              setParams({ term: id }, { replace: true });
            }}
            options={terms.map((x) => ({ value: x.id, label: generatedName(x.name, lang) }))}
            style={{ minWidth: 200, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            loading={termsQuery.isPending}
          />
          <Button
            icon={<ThunderboltOutlined />}
            onClick={() => setOptionsOpen(true)}
            loading={propose.isPending}
            disabled={!view}
            data-testid="grouping-propose"
          >
            {t('grouping.propose')}
          </Button>
          {dirty ? <Button onClick={discard}>{t('grouping.discard')}</Button> : null}
          <Button
            type="primary"
            onClick={runSave}
            loading={save.isPending}
            disabled={!view || !dirty}
            data-testid="grouping-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      </Flex>
      <Clause>{t('grouping.clause')}</Clause>

      {termsQuery.isError ? (
        <PageError error={termsQuery.error} onRetry={() => termsQuery.refetch()} />
      ) : noPlan ? (
        <Alert
          type="info"
          showIcon
          title={t('grouping.noPlan')}
          action={<Link to="/school/plans">{t('nav.plan')}</Link>}
        />
      ) : groupingQuery.isError ? (
        <PageError error={groupingQuery.error} onRetry={() => groupingQuery.refetch()} />
      ) : !view || !activeDay ? (
        <PageSpin fill={false} />
      ) : (
        <>
          <Flex gap={8} wrap align="center">
            {dirty ? <Tag color="gold">{t('grouping.unsaved')}</Tag> : null}
            {fromProposal ? <Tag color="blue">{t('grouping.fromProposal')}</Tag> : null}
            {!dirty && !view.saved ? <Tag>{t('grouping.nothingSaved')}</Tag> : null}
            <Typography.Text type="secondary">
              {t('grouping.period', {
                from: formatDate(view.term.periodFrom, lang),
                to: formatDate(view.term.periodTo, lang),
              })}
            </Typography.Text>
            <Typography.Text type="secondary">
              {errors > 0 ? t('grouping.errorsCount', { count: errors }) : t('grouping.noErrors')}
            </Typography.Text>
          </Flex>
          {saveErrors.length > 0 ? (
            <Alert
              type="error"
              showIcon
              title={t('grouping.saveRefused')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {saveErrors.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Tabs
            activeKey={String(activeDay)}
            onChange={(key) => {
              const next = new URLSearchParams(params);
              next.set('day', key);
              setParams(next, { replace: true });
            }}
            items={weekdays.map((weekday) => ({
              key: String(weekday),
              label: (
                <span data-testid={`grouping-day-${weekday}`}>
                  {weekdayLabel(t, weekday)}
                  {problems.some((p) => p.weekday === weekday && p.severity === 'error') ? (
                    <Tag color="red" style={{ marginInlineStart: 6 }}>
                      !
                    </Tag>
                  ) : null}
                </span>
              ),
              children: (
                <DayPanel
                  view={view}
                  draft={draft}
                  weekday={weekday}
                  people={people}
                  problems={problems.filter((p) => p.weekday === weekday)}
                  onEdit={edit}
                />
              ),
            }))}
          />
        </>
      )}

      <Modal
        open={optionsOpen}
        title={t('grouping.proposeTitle')}
        okText={t('grouping.proposeRun')}
        cancelText={t('common.cancel')}
        onOk={runProposal}
        onCancel={() => setOptionsOpen(false)}
        okButtonProps={{ 'data-testid': 'grouping-propose-run' } as Record<string, string>}
      >
        <Form layout="vertical">
          <Typography.Paragraph type="secondary">{t('grouping.proposeIntro')}</Typography.Paragraph>
          {dirty ? <Alert type="warning" showIcon title={t('grouping.proposeReplaces')} /> : null}
          <Form.Item label={t('grouping.bands')} style={{ marginTop: 12 }}>
            <Select
              value={bands}
              onChange={setBands}
              options={[
                { value: 'auto', label: t('grouping.bands.auto') },
                { value: 'single', label: t('grouping.bands.single') },
                { value: 'pairs', label: t('grouping.bands.pairs') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('grouping.maxGroupSize')} extra={t('grouping.maxGroupSizeHint')}>
            <InputNumber
              min={1}
              max={500}
              value={maxGroupSize}
              onChange={(v) => setMaxGroupSize(typeof v === 'number' ? v : null)}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

function ProblemList({ problems }: { problems: GroupingProblemView[] }) {
  const { lang, t } = useI18n();
  if (problems.length === 0)
    return <Alert type="success" showIcon title={t('grouping.dayOk')} data-testid="grouping-day-ok" />;
  return (
    <List
      size="small"
      bordered
      data-testid="grouping-problems"
      dataSource={problems}
      renderItem={(p) => (
        <List.Item>
          <Space wrap size={4}>
            <Tag color={SEVERITY_COLOR[p.severity]}>{t(`grouping.severity.${p.severity}`)}</Tag>
            <Tag>{p.clause}</Tag>
            <span>{lang === 'en' ? p.message.en : p.message.zh}</span>
          </Space>
        </List.Item>
      )}
    />
  );
}

function DayPanel({
  view,
  draft,
  weekday,
  people,
  problems,
  onEdit,
}: {
  view: GroupingView;
  draft: DraftGroup[];
  weekday: Weekday;
  people: Map<string, Person>;
  problems: GroupingProblemView[];
  onEdit: (next: DraftGroup[]) => void;
}) {
  const { lang, t } = useI18n();
  const quota = dayQuota(view, draft, weekday);
  const groups = draft.filter((g) => g.weekday === weekday);
  const unplaced = unplacedOn(view, draft, weekday);
  const short = (a: number, b: number) => (a < b ? { color: '#cf1322' } : undefined);
  const activities = view.plan.activities.filter((a) => a.weekdays.includes(weekday));

  return (
    <Flex vertical gap={16}>
      <Card
        size="small"
        title={t('grouping.quotaTitle')}
        extra={<Tag color="geekblue">{clauseRef('B 五(三)', lang)}</Tag>}
      >
        <Row gutter={[16, 8]} data-testid={`grouping-quota-${weekday}`}>
          <Col xs={12} md={4}>
            <Statistic title={t('grouping.children')} value={quota.children} />
          </Col>
          <Col xs={12} md={4}>
            <Statistic title={t('grouping.groups')} value={quota.groups} />
          </Col>
          <Col xs={12} md={5}>
            <Statistic
              title={t('grouping.teachers')}
              value={`${quota.teachersAssigned} / ${quota.teachersRequired}`}
              styles={{ content: short(quota.teachersAssigned, quota.teachersRequired) }}
            />
          </Col>
          <Col xs={12} md={5}>
            <Statistic
              title={t('grouping.managers')}
              value={`${quota.managersAssigned} / ${quota.managersRequired}`}
              styles={{ content: short(quota.managersAssigned, quota.managersRequired) }}
            />
          </Col>
          <Col xs={24} md={6}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('grouping.quotaRule', {
                teacher: view.policy.studentsPerTeacher,
                manager: view.policy.studentsPerManager,
              })}
            </Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('grouping.managersFromRota')}
            </Typography.Text>
          </Col>
        </Row>
        {activities.length > 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('grouping.activities')}
            {lang === 'en' ? ': ' : '：'}
            <UserText>
              {[...new Set(activities.map((a) => `${a.start}–${a.end} ${a.activity}`))].join(
                lang === 'en' ? '; ' : '；',
              )}
            </UserText>
          </Typography.Paragraph>
        ) : null}
      </Card>

      <ProblemList problems={problems} />

      <Row gutter={[16, 16]}>
        {groups.map((g) => (
          <Col key={g.key} xs={24} xl={12}>
            <GroupCard view={view} draft={draft} group={g} people={people} onEdit={onEdit} />
          </Col>
        ))}
        <Col xs={24} xl={12}>
          <UnplacedCard draft={draft} weekday={weekday} ids={unplaced} people={people} onEdit={onEdit} />
        </Col>
      </Row>
      <div>
        <Button
          icon={<PlusOutlined />}
          onClick={() => onEdit(addGroup(draft, weekday, t('grouping.newGroupName')))}
        >
          {t('grouping.addGroup')}
        </Button>
      </div>
    </Flex>
  );
}

interface MemberRow {
  key: string;
  name: string;
  className: string;
  grade: number;
  studentNo: string;
  withdrawn: boolean;
}

function memberRows(ids: readonly string[], people: Map<string, Person>): MemberRow[] {
  return ids.map((id) => {
    const p = people.get(id);
    return {
      key: id,
      name: p?.name ?? id,
      className: p?.className ?? '',
      grade: p?.grade ?? 0,
      studentNo: p?.studentNo ?? '',
      withdrawn: p?.withdrawn ?? true,
    };
  });
}

function MemberTable({
  rows,
  selected,
  onSelect,
  label,
}: {
  rows: MemberRow[];
  selected: string[];
  onSelect: (keys: string[]) => void;
  label: string;
}) {
  const { lang, t } = useI18n();
  const columns: TableColumnsType<MemberRow> = [
    {
      title: t('grouping.col.name'),
      dataIndex: 'name',
      render: (name: string, r) => (
        <Space size={4}>
          <UserText>{name}</UserText>
          {r.withdrawn ? <Tag color="red">{t('grouping.withdrawn')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('grouping.col.class'),
      dataIndex: 'className',
      render: (name: string) => <NameText name={name} />,
    },
    { title: t('grouping.col.grade'), dataIndex: 'grade', render: (g: number) => formatGrades([g], lang) },
  ];
  return (
    <Table<MemberRow>
      aria-label={label}
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ y: 280 }}
      rowSelection={{
        columnTitle: selectionTitle,
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grouping.empty')} /> }}
    />
  );
}

function MoveBar({
  draft,
  weekday,
  fromKey,
  selected,
  onMove,
}: {
  draft: DraftGroup[];
  weekday: Weekday;
  fromKey: string | null;
  selected: string[];
  onMove: (to: string | null) => void;
}) {
  const { t } = useI18n();
  const [target, setTarget] = useState<string | undefined>(undefined);
  const options = [
    ...draft
      .filter((g) => g.weekday === weekday && g.key !== fromKey)
      .map((g) => ({ value: g.key, label: g.name })),
    ...(fromKey !== null ? [{ value: '__out', label: t('grouping.moveOut') }] : []),
  ];
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        aria-label={t('grouping.moveTo')}
        placeholder={t('grouping.moveTo')}
        value={target}
        onChange={setTarget}
        options={options}
        style={{ flex: 1, minWidth: 0 }}
      />
      <Button
        disabled={selected.length === 0 || target === undefined}
        onClick={() => {
          onMove(target === '__out' ? null : (target ?? null));
          setTarget(undefined);
        }}
      >
        {t('grouping.move', { count: selected.length })}
      </Button>
    </Space.Compact>
  );
}

function GroupCard({
  view,
  draft,
  group,
  people,
  onEdit,
}: {
  view: GroupingView;
  draft: DraftGroup[];
  group: DraftGroup;
  people: Map<string, Person>;
  onEdit: (next: DraftGroup[]) => void;
}) {
  const { lang, t } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const venue = view.plan.venues.find((v) => v.id === group.venueId);
  const over = venue ? group.memberIds.length > venue.capacity : false;
  // B 三: a group goes where the plan holds activities that day; its card says which.
  const dayActivities = view.plan.activities.filter((a) => a.weekdays.includes(group.weekday));
  const dayVenues = view.plan.venues.filter((v) => dayActivities.some((a) => a.venueId === v.id));
  const groupActivities = dayActivities.filter((a) => a.venueId === group.venueId);
  // A 三.1: only staff with a letter covering the period, available that weekday, lead a group.
  const teachers = view.staff.filter(
    (s) => s.kind === 'teacher' && s.assignable && s.weekdays.includes(group.weekday),
  );
  const busy = new Set(
    draft
      .filter((g) => g.weekday === group.weekday && g.key !== group.key && g.teacherStaffId)
      .map((g) => g.teacherStaffId),
  );
  return (
    <Card
      size="small"
      data-testid="grouping-group"
      title={
        <Input
          aria-label={t('grouping.groupName')}
          value={group.name}
          maxLength={40}
          onChange={(e) => onEdit(updateGroup(draft, group.key, { name: e.target.value }))}
          variant="borderless"
          style={{ fontWeight: 600, paddingInline: 0 }}
        />
      }
      extra={
        <Space size={4}>
          <Tag color={over ? 'red' : 'green'} data-testid="grouping-headcount">
            {venue
              ? t('grouping.headcount', { n: group.memberIds.length, capacity: venue.capacity })
              : t('grouping.headcountNoVenue', { n: group.memberIds.length })}
          </Tag>
          <Button
            type="text"
            danger
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('grouping.removeGroup', { name: generatedName(group.name, lang) })}
            disabled={group.memberIds.length > 0}
            title={group.memberIds.length > 0 ? t('grouping.removeNonEmpty') : undefined}
            onClick={() => onEdit(removeGroup(draft, group.key))}
          />
        </Space>
      }
    >
      <Flex vertical gap={8}>
        <Row gutter={8}>
          <Col span={12}>
            <Select
              aria-label={t('grouping.venue')}
              placeholder={t('grouping.venue')}
              value={group.venueId ?? undefined}
              onChange={(v: string) => onEdit(updateGroup(draft, group.key, { venueId: v }))}
              labelRender={({ label }) => <UserText>{label}</UserText>}
              options={dayVenues.map((v) => ({
                value: v.id,
                label: t('grouping.venueOption', { name: v.name, capacity: v.capacity }),
              }))}
              style={{ width: '100%' }}
            />
          </Col>
          <Col span={12}>
            <Select
              aria-label={t('grouping.teacher')}
              placeholder={t('grouping.teacher')}
              allowClear
              value={group.teacherStaffId ?? undefined}
              onChange={(v: string | undefined) =>
                onEdit(updateGroup(draft, group.key, { teacherStaffId: v ?? null }))
              }
              labelRender={({ label }) => <UserText>{label}</UserText>}
              options={teachers.map((s) => ({
                value: s.id,
                label: busy.has(s.id) ? `${s.name}（${t('grouping.busy')}）` : s.name,
              }))}
              style={{ width: '100%' }}
              data-testid="grouping-teacher"
            />
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {group.grades.length > 0 ? formatGrades(group.grades, lang) : t('grouping.gradesFromMembers')}
        </Typography.Text>
        {groupActivities.length > 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="grouping-group-activities">
            {t('grouping.activities')}
            {lang === 'en' ? ': ' : '：'}
            <UserText>
              {groupActivities
                .map((a) => `${a.start}–${a.end} ${a.activity}`)
                .join(lang === 'en' ? '; ' : '；')}
            </UserText>
          </Typography.Text>
        ) : null}
        <MemberTable
          label={generatedName(group.name, lang)}
          rows={memberRows(group.memberIds, people)}
          selected={selected}
          onSelect={setSelected}
        />
        <MoveBar
          draft={draft}
          weekday={group.weekday}
          fromKey={group.key}
          selected={selected}
          onMove={(to) => {
            onEdit(moveChildren(draft, group.weekday, selected, to));
            setSelected([]);
          }}
        />
      </Flex>
    </Card>
  );
}

function UnplacedCard({
  draft,
  weekday,
  ids,
  people,
  onEdit,
}: {
  draft: DraftGroup[];
  weekday: Weekday;
  ids: string[];
  people: Map<string, Person>;
  onEdit: (next: DraftGroup[]) => void;
}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  return (
    <Card
      size="small"
      title={t('grouping.unplaced')}
      extra={<Tag color={ids.length > 0 ? 'red' : 'green'}>{ids.length}</Tag>}
      data-testid="grouping-unplaced"
    >
      <Flex vertical gap={8}>
        <MemberTable
          label={t('grouping.unplaced')}
          rows={memberRows(ids, people)}
          selected={selected.filter((id) => ids.includes(id))}
          onSelect={setSelected}
        />
        <MoveBar
          draft={draft}
          weekday={weekday}
          fromKey={null}
          selected={selected}
          onMove={(to) => {
            onEdit(moveChildren(draft, weekday, selected, to));
            setSelected([]);
          }}
        />
      </Flex>
    </Card>
  );
}
