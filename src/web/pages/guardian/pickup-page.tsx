import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Radio, Skeleton, Tag } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import {
  type DayStatus,
  type PickupCodeView,
  useChangeBatch,
  usePickupCode,
} from '../../api/departure-queries';
import { useErrorText } from '../../api/error-text';
import { useGuardianChildren } from '../../api/queries';
import type { Child } from '../../api/types';
import { PageError } from '../../components/page-state';
import { Heading, Muted, Panel } from '../../components/surface';
import { MessageWithUserText, NameText, PersonRelation, UserText } from '../../components/user-text';
import { classLabel, formatTime } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

const STATUS_COLOR: Record<DayStatus, string> = {
  expected: 'default',
  present: 'green',
  called: 'orange',
  absent: 'red',
  on_leave: 'default',
  in_custody: 'purple',
  released: 'blue',
};

/** 123 456: six digits read aloud in two halves. */
function spaced(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

function PickupQr({ text }: { text: string }) {
  const { t } = useI18n();
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Loaded with the card only: the QR library is not part of the guardian's home.
    import('qrcode')
      .then((qr) => qr.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 240 }))
      .then((data) => {
        if (live) setDataUrl(data);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [text]);
  return dataUrl ? (
    <img
      src={dataUrl}
      width={200}
      height={200}
      alt={t('daily.departure.qrAlt')}
      data-testid="pickup-qr"
      style={{ imageRendering: 'pixelated', display: 'block', margin: '0 auto' }}
    />
  ) : (
    <div style={{ width: 200, height: 200, margin: '0 auto' }} />
  );
}

function StatusLine({ view }: { view: PickupCodeView }) {
  const { t } = useI18n();
  if (!view.status) return null;
  // Names of people are user text (issue 14.13): the message keeps `{name}` and marks it.
  let detail: ReactNode = null;
  if (view.release) {
    const time = formatTime(view.release.at);
    const person = view.release.person;
    detail = person ? (
      <MessageWithUserText
        text={t('daily.departure.releasedTo', { time, name: '{name}' })}
        nodes={{ name: <PersonRelation name={person.name} relation={person.relation} /> }}
      />
    ) : (
      t('daily.departure.releasedAlone', { time })
    );
  } else if (view.custody) {
    detail = (
      <MessageWithUserText
        text={t('daily.departure.custodyWith', { time: formatTime(view.custody.at), name: '{name}' })}
        user={{ name: view.custody.staffName ?? '' }}
      />
    );
  } else if (view.calledAt) {
    detail = t('daily.departure.calledAt', { time: formatTime(view.calledAt) });
  }
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} align="center" wrap>
        <Tag color={STATUS_COLOR[view.status]} data-testid="pickup-status" style={{ fontSize: 14 }}>
          {t(`daily.departure.status.${view.status}`)}
        </Tag>
      </Flex>
      {detail ? <span data-testid="pickup-status-detail">{detail}</span> : null}
    </Flex>
  );
}

function BatchPart({ view, child }: { view: PickupCodeView; child: Child }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const change = useChangeBatch(child.schoolId, child.studentId);
  const [chosen, setChosen] = useState<string | null>(null);
  const current = view.batch?.name ?? null;
  const selected = chosen ?? current;
  if (view.batches.length === 0 || !view.batch) return null;
  return (
    <Flex vertical gap={8}>
      <Muted>{t('daily.departure.batch')}</Muted>
      <Radio.Group
        value={selected}
        onChange={(e) => setChosen(e.target.value as string)}
        disabled={!view.batchChangeOpen || change.isPending}
        optionType="button"
        buttonStyle="solid"
        data-testid="batch-choice"
        options={view.batches.map((b) => ({
          value: b.name,
          label: (
            <MessageWithUserText
              text={t('daily.departure.batchAt', { name: '{name}', time: b.time })}
              nodes={{ name: <NameText name={b.name} /> }}
            />
          ),
          disabled: b.name !== current && !b.open,
        }))}
      />
      {view.batchChangeOpen && view.batchChangeUntil ? (
        <Muted>
          {t('daily.departure.batchUntil', { time: view.batchChangeUntil, minutes: view.cutoffMinutes })}
        </Muted>
      ) : view.status === 'present' || view.status === 'expected' ? (
        <Muted>{t('daily.departure.batchClosed')}</Muted>
      ) : null}
      {selected && selected !== current ? (
        <Button
          type="primary"
          loading={change.isPending}
          onClick={() => change.mutate(selected, { onSuccess: () => setChosen(null) })}
          data-testid="batch-change"
        >
          {t('daily.departure.batchChange')}
        </Button>
      ) : null}
      {change.isError ? <Alert type="error" showIcon title={errorText(change.error)} /> : null}
      {change.isSuccess && !chosen ? (
        <Alert
          type="success"
          showIcon
          title={
            <MessageWithUserText
              text={t('daily.departure.batchChanged', { name: '{name}', time: view.batch.time })}
              nodes={{ name: <NameText name={view.batch.name} /> }}
            />
          }
        />
      ) : null}
    </Flex>
  );
}

function PickupCard({ child }: { child: Child }) {
  const { lang, t } = useI18n();
  const query = usePickupCode(child.schoolId, child.studentId);
  const header = (
    <Flex justify="space-between" align="baseline" gap={8} wrap>
      <Heading level={2}>
        <UserText>{child.name}</UserText>
      </Heading>
      <Muted>{classLabel(child.grade, child.className, lang)}</Muted>
    </Flex>
  );
  if (query.isPending) {
    return (
      <Panel>
        {header}
        <Skeleton active paragraph={{ rows: 4 }} />
      </Panel>
    );
  }
  if (query.isError) {
    const noService = query.error instanceof ApiError && query.error.code === 'NOT_A_SERVICE_DAY';
    return (
      <Panel data-testid="pickup-card">
        <Flex vertical gap={12}>
          {header}
          {noService ? (
            <Muted>{t('daily.departure.noService')}</Muted>
          ) : (
            <PageError error={query.error} onRetry={() => query.refetch()} />
          )}
        </Flex>
      </Panel>
    );
  }
  const view = query.data;
  return (
    <Panel data-testid="pickup-card">
      <Flex vertical gap={16}>
        {header}
        {!view.attending ? (
          <Muted>{t('daily.departure.notAttending')}</Muted>
        ) : (
          <>
            <StatusLine view={view} />
            {view.code && view.qr ? (
              <Flex vertical gap={8} align="center" style={{ padding: '8px 0' }}>
                <Muted>{t('daily.departure.codeLabel')}</Muted>
                <div
                  data-testid="pickup-code"
                  role="img"
                  aria-label={view.code.split('').join(' ')}
                  style={{
                    fontSize: 44,
                    fontWeight: 700,
                    letterSpacing: 6,
                    fontVariantNumeric: 'tabular-nums',
                    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
                    lineHeight: 1.1,
                  }}
                >
                  {spaced(view.code)}
                </div>
                <PickupQr text={view.qr} />
                <Muted style={{ textAlign: 'center', fontSize: 13 }}>{t('daily.departure.codeHint')}</Muted>
              </Flex>
            ) : view.status === 'on_leave' || view.status === 'absent' ? (
              <Muted>{t(`daily.departure.noCode.${view.status}`)}</Muted>
            ) : null}
            {view.status === 'expected' || view.status === 'present' || view.status === 'called' ? (
              <BatchPart view={view} child={child} />
            ) : null}
            {view.pickupPersons.length > 0 ? (
              <Flex vertical gap={4}>
                <Muted>{t('daily.departure.persons')}</Muted>
                <Flex gap={6} wrap>
                  {view.pickupPersons.map((p) => (
                    <Tag key={p.id}>
                      <PersonRelation name={p.name} relation={p.relation} />
                    </Tag>
                  ))}
                </Flex>
              </Flex>
            ) : null}
            <Flex justify="flex-end" align="center">
              <Button
                type="text"
                icon={<ReloadOutlined />}
                loading={query.isFetching}
                onClick={() => query.refetch()}
              >
                {t('daily.departure.refresh')}
              </Button>
            </Flex>
          </>
        )}
      </Flex>
    </Panel>
  );
}

/** F-13: today's pickup code and QR per child, the child's state, and today's batch (C 2). */
export function GuardianPickupPage() {
  const { t } = useI18n();
  const children = useGuardianChildren();
  return (
    <Flex vertical gap={12} data-testid="guardian-pickup">
      <Heading>{t('daily.departure.title')}</Heading>
      {children.isPending ? (
        <Panel>
          <Skeleton active paragraph={{ rows: 4 }} />
        </Panel>
      ) : children.isError ? (
        <PageError error={children.error} onRetry={() => children.refetch()} />
      ) : children.data.length === 0 ? (
        <Panel>
          <Empty description={t('guardian.noChildren')} />
        </Panel>
      ) : (
        children.data.map((child) => (
          <PickupCard key={`${child.schoolId}:${child.studentId}`} child={child} />
        ))
      )}
    </Flex>
  );
}
