import { Alert, Button, Empty, Flex, Input, Popconfirm, Segmented, Skeleton, Tag } from 'antd';
import { useEffect, useId, useState } from 'react';
import { useGuardianApplications } from '../../api/application-queries';
import { type LeaveView, useCancelLeave, useLeaveList, useRequestLeave } from '../../api/attendance-queries';
import { useServiceToday } from '../../api/clock-queries';
import { useErrorText } from '../../api/error-text';
import { useGuardianChildren } from '../../api/queries';
import { IsoDatePicker } from '../../components/date-inputs';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText } from '../../components/user-text';
import { formatDate } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { newId } from '../../offline/mark-queue';

function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * 请假 (F-11): the guardian asks leave from after-school care for one of their children, for a range
 * of dates (only service days count; at most 30 days; not in the past), sees the child's requests and
 * cancels one before it starts. The teacher sees it pre-marked in the roll call with the reason.
 */
export function LeavePage() {
  const { lang, t } = useI18n();
  const children = useGuardianChildren();
  const applications = useGuardianApplications();
  const today = useServiceToday();
  const [picked, setPicked] = useState<string | null>(null);
  // Leave is from the service: only children enrolled in it (an approved application whose enrollment
  // has not ended) are offered; the others are named with the reason (issue 14.10). The server refuses
  // them too.
  const enrolled = (c: { schoolId: string; studentId: string }) =>
    applications.data?.some((a) => {
      const e = a.application?.enrollment;
      return (
        a.schoolId === c.schoolId &&
        a.studentId === c.studentId &&
        a.application?.status === 'approved' &&
        e != null &&
        (e.withdrawnFrom === null || today === undefined || e.withdrawnFrom > today)
      );
    }) ?? false;
  const list = (children.data ?? []).filter(enrolled);
  const missing = (children.data ?? []).filter((c) => !enrolled(c));
  const child = list.find((c) => `${c.schoolId}:${c.studentId}` === picked) ?? list[0] ?? null;
  const missingNote =
    applications.data && missing.length > 0 ? (
      <div data-testid="leave-not-enrolled">
        <Muted>
          {list.length === 0
            ? t('guardianPhone.leave.noneEnrolled')
            : // The children's names are user text (issue 14.13).
              (() => {
                const names = Object.fromEntries(missing.map((c, i) => [`n${i}`, c.name]));
                const list = Object.keys(names)
                  .map((k) => `{${k}}`)
                  .join(lang === 'en' ? ', ' : '、');
                return (
                  <MessageWithUserText
                    text={t('guardianPhone.leave.notEnrolled', { names: list })}
                    user={names}
                  />
                );
              })()}
        </Muted>
      </div>
    ) : null;

  return (
    <Flex vertical gap={12} data-testid="leave-page">
      <Heading>{t('daily.attendance.leave.title')}</Heading>
      {children.isPending || applications.isPending ? (
        <Panel>
          <Skeleton active paragraph={{ rows: 3 }} />
        </Panel>
      ) : children.isError ? (
        <PageError error={children.error} onRetry={() => children.refetch()} />
      ) : applications.isError ? (
        <PageError error={applications.error} onRetry={() => applications.refetch()} />
      ) : !child ? (
        <Panel>
          <Flex vertical gap={8}>
            <Empty description={t('daily.attendance.leave.noChildren')} />
            {missingNote}
          </Flex>
        </Panel>
      ) : (
        <>
          {missingNote}
          {list.length > 1 ? (
            <Flex vertical gap={4}>
              <Muted>{t('daily.attendance.leave.child')}</Muted>
              <Segmented
                block
                value={`${child.schoolId}:${child.studentId}`}
                onChange={(v) => setPicked(String(v))}
                options={list.map((c) => ({ value: `${c.schoolId}:${c.studentId}`, label: c.name }))}
                data-testid="leave-child"
              />
            </Flex>
          ) : null}
          <LeaveForm
            key={`${child.schoolId}:${child.studentId}`}
            schoolId={child.schoolId}
            studentId={child.studentId}
          />
          <LeaveList schoolId={child.schoolId} studentId={child.studentId} />
        </>
      )}
    </Flex>
  );
}

function LeaveForm({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const { t } = useI18n();
  const describe = useErrorText();
  const today = useServiceToday();
  const request = useRequestLeave(schoolId, studentId);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // One key per filled-in form: a retried tap is done once; a changed form is a new request.
  const [key, setKey] = useState(newId);
  useEffect(() => {
    if (today && from === null) setFrom(today);
  }, [today, from]);
  const last = to ?? from;
  const ids = useId();
  const fresh = () => setKey(newId());
  return (
    <Panel>
      <Flex vertical gap={10}>
        <label htmlFor={`${ids}-from`}>
          <Muted>{t('daily.attendance.leave.from')}</Muted>
          <IsoDatePicker
            id={`${ids}-from`}
            value={from}
            min={today}
            onChange={(v) => {
              fresh();
              setFrom(v);
              if (v && to && to < v) setTo(v);
            }}
            aria-label={t('daily.attendance.leave.from')}
          />
        </label>
        <label htmlFor={`${ids}-to`}>
          <Muted>{t('daily.attendance.leave.to')}</Muted>
          <IsoDatePicker
            id={`${ids}-to`}
            value={last}
            min={from ?? today}
            max={from ? addDaysIso(from, 29) : undefined}
            onChange={(v) => {
              fresh();
              setTo(v);
            }}
            aria-label={t('daily.attendance.leave.to')}
          />
        </label>
        <Muted style={{ fontSize: 13 }}>{t('daily.attendance.leave.rangeHint')}</Muted>
        <label htmlFor={`${ids}-reason`}>
          <Muted>{t('daily.attendance.leave.reason')}</Muted>
          <Input
            id={`${ids}-reason`}
            value={reason}
            onChange={(e) => {
              fresh();
              setReason(e.target.value);
            }}
            maxLength={200}
            placeholder={t('daily.attendance.leave.reasonPlaceholder')}
            data-testid="leave-reason"
          />
        </label>
        {request.isError ? <Alert type="error" showIcon title={describe(request.error)} /> : null}
        {request.isSuccess ? (
          <Alert
            type="success"
            showIcon
            title={t('daily.attendance.leave.submitted', { count: request.data.serviceDates.length })}
            data-testid="leave-submitted"
          />
        ) : null}
        <Button
          type="primary"
          block
          size="large"
          loading={request.isPending}
          disabled={!from || !last || !reason.trim()}
          onClick={() => {
            if (!from || !last) return;
            request.mutate(
              { body: { fromDate: from, toDate: last, reason: reason.trim() }, key },
              {
                onSuccess: () => {
                  fresh();
                  setReason('');
                  setTo(null);
                },
              },
            );
          }}
          data-testid="leave-submit"
        >
          {t('daily.attendance.leave.submit')}
        </Button>
      </Flex>
    </Panel>
  );
}

function LeaveList({ schoolId, studentId }: { schoolId: string; studentId: string }) {
  const { t } = useI18n();
  const list = useLeaveList(schoolId, studentId);
  return (
    <Panel title={t('daily.attendance.leave.list')} data-testid="leave-list">
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : list.isError ? (
        <PageError error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Muted>{t('daily.attendance.leave.none')}</Muted>
      ) : (
        <ul style={{ margin: 0, padding: 0, listStyle: 'none' }}>
          {list.data.items.map((item) => (
            <LeaveRow key={item.leaveId} item={item} schoolId={schoolId} studentId={studentId} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function LeaveRow({ item, schoolId, studentId }: { item: LeaveView; schoolId: string; studentId: string }) {
  const { lang, t } = useI18n();
  const describe = useErrorText();
  const cancel = useCancelLeave(schoolId, studentId);
  const range =
    item.fromDate === item.toDate
      ? formatDate(item.fromDate, lang, { weekday: true })
      : t('daily.attendance.leave.range', {
          from: formatDate(item.fromDate, lang),
          to: formatDate(item.toDate, lang),
        });
  return (
    <li style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="leave-item">
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="baseline" gap={8} wrap>
          <strong style={{ textDecoration: item.cancelledAt ? 'line-through' : undefined }}>{range}</strong>
          <Flex gap={4}>
            {item.byStaff ? <Tag>{t('daily.attendance.leave.byStaff')}</Tag> : null}
            {item.cancelledAt ? (
              <Tag>{t('daily.attendance.leave.cancelled')}</Tag>
            ) : !item.cancellable ? (
              <Tag color="blue">{t('daily.attendance.leave.started')}</Tag>
            ) : null}
          </Flex>
        </Flex>
        <Muted>{item.reason}</Muted>
        {cancel.isError ? <Alert type="error" showIcon title={describe(cancel.error)} /> : null}
        {item.cancellable ? (
          <Popconfirm
            title={t('daily.attendance.leave.cancelConfirm')}
            onConfirm={() => cancel.mutate(item.leaveId)}
            okText={t('daily.attendance.leave.cancel')}
          >
            <Button loading={cancel.isPending} data-testid="leave-cancel">
              {t('daily.attendance.leave.cancel')}
            </Button>
          </Popconfirm>
        ) : null}
      </Flex>
    </li>
  );
}
