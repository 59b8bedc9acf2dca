import { CameraOutlined, CheckCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Alert, Avatar, Button, Checkbox, Flex, Input, Radio, Skeleton, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { parseTime } from '../../../domain/dates';
import {
  earlyRelease,
  type IdentityCheckMethod,
  identityChecksFor,
  readIdLast4,
  releaseIdentityCheck,
} from '../../../domain/departure';
import { ApiError } from '../../api/client';
import { serverNow, useServerClock, useServiceToday } from '../../api/clock-queries';
import {
  deviceId,
  type GateChild,
  type ReleaseResult,
  useCallChild,
  useCustody,
  useGateChild,
  useLookupCode,
  useRelease,
  useVerifyCode,
} from '../../api/departure-queries';
import { useErrorText } from '../../api/error-text';
import { Outcome } from '../../components/outcome';
import { Heading, Muted, Panel } from '../../components/surface';
import { classLabel, formatTime } from '../../i18n/format';
import { type MessageKey, useI18n } from '../../i18n/i18n';
import { useActiveMembership } from '../../session/auth';
import { colors } from '../../theme';
import { gateBase } from './gate-paths';
import { canScan, QrScanner } from './qr-scanner';
import { releaseCheckText, releaseEarlyText } from './release-check';

const GATE_ERRORS = new Set([
  'PICKUP_CODE_WRONG',
  'PICKUP_CODE_LOCKED',
  'PICKUP_CODE_EXPIRED',
  'RATE_LIMITED',
  'CHILD_DAY_REFUSED',
  'IDENTITY_CHECK_REQUIRED',
  'IDENTITY_CHECK_FAILED',
  'EARLY_RELEASE_UNCONFIRMED',
]);

/** A refusal at the gate: a short title in the UI language, the server's precise reason under it. */
function GateError({ error }: { error: unknown }) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const code = error instanceof ApiError && GATE_ERRORS.has(error.code) ? error.code : 'other';
  return (
    <Alert
      type={code === 'PICKUP_CODE_LOCKED' || code === 'RATE_LIMITED' ? 'error' : 'warning'}
      showIcon
      data-testid="gate-error"
      title={t(`daily.departure.release.error.${code}` as MessageKey)}
      description={errorText(error)}
    />
  );
}

function Flags({ child }: { child: GateChild }) {
  const { t } = useI18n();
  const tags: { key: string; color: string; label: string }[] = [];
  if (child.flags.extendedCustody)
    tags.push({ key: 'c', color: 'purple', label: t('daily.departure.release.flag.extendedCustody') });
  if (child.flags.mayLeaveAlone)
    tags.push({ key: 'a', color: 'cyan', label: t('daily.departure.release.flag.mayLeaveAlone') });
  if (child.flags.onLeave)
    tags.push({ key: 'l', color: 'red', label: t('daily.departure.release.flag.onLeave') });
  if (child.flags.absent)
    tags.push({ key: 'x', color: 'red', label: t('daily.departure.release.flag.absent') });
  if (child.flags.notMarked)
    tags.push({ key: 'n', color: 'orange', label: t('daily.departure.release.flag.notMarked') });
  if (tags.length === 0) return null;
  return (
    <Flex gap={6} wrap data-testid="gate-flags">
      {tags.map((tag) => (
        <Tag key={tag.key} color={tag.color}>
          {tag.label}
        </Tag>
      ))}
    </Flex>
  );
}

type Person = GateChild['pickupPersons'][number];

/**
 * Issue 14.4 (B 六(三)): without the pickup code the guard checks the person in front of them — the
 * photo on file, large, to compare with the face; otherwise (or when the photo does not match well
 * enough) the ID number's last four characters or the ID document. Which checks apply is the domain's
 * rule (`identityChecksFor`); the release records the one chosen.
 */
function IdentityCheck({
  person,
  method,
  last4,
  onMethod,
  onLast4,
}: {
  person: Person;
  method: IdentityCheckMethod | null;
  last4: string;
  onMethod: (method: IdentityCheckMethod) => void;
  onLast4: (value: string) => void;
}) {
  const { t } = useI18n();
  const methods = identityChecksFor({ photoOnFile: person.photoUrl !== null });
  const who = { name: person.name, relation: person.relation };
  const last4Invalid = method === 'id_last4' && last4.trim().length >= 4 && readIdLast4(last4) === null;
  return (
    <Flex vertical gap={10} data-testid="gate-identity">
      <strong>{t('daily.departure.release.identity.title')}</strong>
      <Muted>{t('daily.departure.release.identity.hint')}</Muted>
      {person.photoUrl ? (
        <figure style={{ margin: 0 }}>
          <img
            src={person.photoUrl}
            alt={t('daily.departure.release.identity.photoOf', who)}
            data-testid="gate-identity-photo"
            style={{
              display: 'block',
              width: '100%',
              maxWidth: 320,
              aspectRatio: '3 / 4',
              objectFit: 'cover',
              borderRadius: 8,
              background: '#f0f0f0',
            }}
          />
          <figcaption>
            <Muted>{t('daily.departure.release.identity.photoOf', who)}</Muted>
          </figcaption>
        </figure>
      ) : (
        <Alert type="info" showIcon title={t('daily.departure.release.identity.noPhoto', who)} />
      )}
      <Radio.Group
        value={method}
        onChange={(e) => onMethod(e.target.value as IdentityCheckMethod)}
        style={{ width: '100%' }}
        data-testid="gate-identity-methods"
      >
        <Flex vertical gap={8}>
          {methods.map((m) => (
            <Radio key={m} value={m} data-testid={`gate-check-${m}`}>
              {t(`daily.departure.release.identity.${m}`)}
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
      {method === 'id_last4' ? (
        <Flex vertical gap={4}>
          <label htmlFor="gate-id-last4">
            <Muted>{t('daily.departure.release.identity.last4Label')}</Muted>
          </label>
          <Input
            id="gate-id-last4"
            data-testid="gate-id-last4"
            autoComplete="off"
            maxLength={4}
            value={last4}
            status={last4Invalid ? 'error' : undefined}
            placeholder={t('daily.departure.release.identity.last4Placeholder')}
            onChange={(e) => onLast4(e.target.value)}
            style={{ fontSize: 24, letterSpacing: 4, maxWidth: 200 }}
          />
          <Muted>
            {last4Invalid
              ? t('daily.departure.release.identity.last4Invalid')
              : t('daily.departure.release.identity.privacy')}
          </Muted>
        </Flex>
      ) : null}
    </Flex>
  );
}

/**
 * Now on the server's clock (the demo clock in the demo), in minutes of the school's day: read again
 * every 20 s and whenever the server's clock is fetched again (`serverNow` uses its offset).
 */
function useSchoolMinutes(): number {
  useServerClock();
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setTick((n) => n + 1), 20_000);
    return () => window.clearInterval(timer);
  }, []);
  return parseTime(formatTime(serverNow()));
}

/** C 2 弹性离校: before the child's batch the guard sees by how much and confirms. */
function EarlyWarning({
  child,
  minutesEarly,
  confirmed,
  onConfirm,
}: {
  child: GateChild;
  minutesEarly: number;
  confirmed: boolean;
  onConfirm: (value: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="gate-early"
      title={t('daily.departure.release.early.title')}
      description={
        <Flex vertical gap={8}>
          <span>
            {t('daily.departure.release.early.detail', {
              name: child.name,
              batch: child.batch?.name ?? '',
              time: child.batch?.time ?? '',
              minutes: minutesEarly,
            })}
          </span>
          <Checkbox
            checked={confirmed}
            onChange={(e) => onConfirm(e.target.checked)}
            data-testid="gate-early-confirm"
          >
            {t('daily.departure.release.early.confirm')}
          </Checkbox>
        </Flex>
      }
    />
  );
}

function ChildCard({
  child,
  code,
  schoolId,
  date,
  canPlaceInCustody,
  onReleased,
}: {
  child: GateChild;
  code: string | null;
  schoolId: string;
  date: string;
  // C 延时托管: the duty chief and a care teacher (not the gate) place a child with the need.
  canPlaceInCustody: boolean;
  onReleased: (result: ReleaseResult) => void;
}) {
  const { lang, t } = useI18n();
  const release = useRelease(schoolId, date);
  const call = useCallChild(schoolId, date);
  const custody = useCustody(schoolId, date);
  const verify = useVerifyCode(schoolId, date);
  const [personId, setPersonId] = useState<string | null>(
    child.pickupPersons.length === 1 ? (child.pickupPersons[0]?.id ?? null) : null,
  );
  const [typed, setTyped] = useState('');
  const [verifiedCode, setVerifiedCode] = useState<string | null>(code);
  const [checkMethod, setCheckMethod] = useState<IdentityCheckMethod | null>(null);
  const [last4, setLast4] = useState('');
  const [earlyConfirmed, setEarlyConfirmed] = useState(false);
  const nowMinutes = useSchoolMinutes();
  const serverClock = useServerClock();
  const inCare = child.status === 'present' || child.status === 'called' || child.status === 'in_custody';
  const statusKey = `daily.departure.status.${child.status}` as const;
  const person = child.pickupPersons.find((p) => p.id === personId) ?? null;
  // The same rule the server applies (src/domain/departure.ts), on the server's clock.
  const early = inCare ? earlyRelease({ nowMinutes, batch: child.batch }) : null;
  const identityCheck = checkMethod
    ? checkMethod === 'id_last4'
      ? { method: checkMethod, last4 }
      : { method: checkMethod }
    : null;
  // The server's rule again, so that the button waits for a check the server would accept.
  const checked = releaseIdentityCheck({
    method: verifiedCode ? 'pickup_code' : 'listed_person',
    check: verifiedCode ? null : identityCheck,
    photoOnFile: person?.photoUrl != null,
    last4OnFile: null,
  }).ok;
  const timely = early === null || earlyConfirmed;
  // The server found it early where this phone did not (its clock moved, e.g. the demo clock): read
  // the server's clock again, and the warning follows.
  useEffect(() => {
    if (release.error instanceof ApiError && release.error.code === 'EARLY_RELEASE_UNCONFIRMED') {
      void serverClock.refetch();
    }
  }, [release.error, serverClock.refetch]);

  const choosePerson = (id: string) => {
    setPersonId(id);
    // A check is of one person: choosing another starts it again.
    setCheckMethod(null);
    setLast4('');
  };

  const doRelease = (method: 'pickup_code' | 'listed_person' | 'alone') =>
    release.mutate(
      {
        studentId: child.studentId,
        method,
        deviceId: deviceId(),
        ...(method === 'pickup_code' && verifiedCode ? { code: verifiedCode } : {}),
        ...(method !== 'alone' && personId ? { pickupPersonId: personId } : {}),
        ...(method === 'listed_person' && identityCheck ? { identityCheck } : {}),
        ...(early && earlyConfirmed ? { confirmEarly: true } : {}),
      },
      { onSuccess: onReleased },
    );

  return (
    <Panel data-testid="gate-child">
      <Flex vertical gap={12}>
        <Flex justify="space-between" align="baseline" gap={8} wrap>
          <Heading level={2}>{child.name}</Heading>
          <Tag color={inCare ? 'green' : 'default'} data-testid="gate-child-status">
            {t(statusKey)}
          </Tag>
        </Flex>
        <Muted>
          {classLabel(child.grade, child.className, lang)}
          {child.groupName ? ` · ${child.groupName}` : ''}
          {child.batch ? ` · ${t('daily.departure.batchAt', child.batch)}` : ''}
        </Muted>
        <Flags child={child} />
        {verifiedCode ? (
          <Flex gap={6} align="center" style={{ color: colors.success }}>
            <CheckCircleFilled /> {t('daily.departure.release.codeChecked')}
          </Flex>
        ) : (
          <Flex vertical gap={6}>
            <Muted>{t('daily.departure.release.byName')}</Muted>
            <Flex gap={8}>
              <Input
                inputMode="numeric"
                autoComplete="off"
                value={typed}
                maxLength={7}
                placeholder={t('daily.departure.release.codePlaceholder')}
                onChange={(e) => setTyped(e.target.value)}
                aria-label={t('daily.departure.release.codeLabel')}
              />
              <Button
                loading={verify.isPending}
                disabled={typed.trim().length < 6}
                onClick={() =>
                  verify.mutate(
                    { studentId: child.studentId, code: typed },
                    { onSuccess: () => setVerifiedCode(typed) },
                  )
                }
              >
                {t('daily.departure.release.verify')}
              </Button>
            </Flex>
            {verify.isError ? <GateError error={verify.error} /> : null}
          </Flex>
        )}

        <Flex vertical gap={8}>
          <Muted>{t('daily.departure.release.choosePerson')}</Muted>
          {child.pickupPersons.length === 0 ? (
            <Muted>{t('daily.departure.release.noPersons')}</Muted>
          ) : (
            <Radio.Group
              value={personId}
              onChange={(e) => choosePerson(e.target.value as string)}
              style={{ width: '100%' }}
              data-testid="gate-persons"
            >
              <Flex vertical gap={8}>
                {child.pickupPersons.map((p) => (
                  <Radio key={p.id} value={p.id} style={{ alignItems: 'center' }}>
                    <Flex gap={12} align="center">
                      {p.photoUrl ? (
                        <img
                          src={p.photoUrl}
                          alt={p.name}
                          width={72}
                          height={72}
                          style={{ objectFit: 'cover', borderRadius: 8, background: '#f0f0f0' }}
                        />
                      ) : (
                        <Avatar shape="square" size={72} aria-label={t('daily.departure.release.noPhoto')}>
                          {p.name.slice(-2)}
                        </Avatar>
                      )}
                      <Flex vertical>
                        <strong>
                          {p.name}（{p.relation}）
                        </strong>
                        {p.phone ? <Muted>{p.phone}</Muted> : null}
                      </Flex>
                    </Flex>
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          )}
        </Flex>

        {inCare && person && !verifiedCode ? (
          <IdentityCheck
            person={person}
            method={checkMethod}
            last4={last4}
            onMethod={setCheckMethod}
            onLast4={setLast4}
          />
        ) : null}
        {early ? (
          <EarlyWarning
            child={child}
            minutesEarly={early.minutesEarly}
            confirmed={earlyConfirmed}
            onConfirm={setEarlyConfirmed}
          />
        ) : null}

        {release.isError ? <GateError error={release.error} /> : null}
        {call.isSuccess ? (
          <Alert type="success" showIcon title={t('daily.departure.release.called')} />
        ) : null}
        {call.isError ? <GateError error={call.error} /> : null}
        {custody.isSuccess ? (
          <Alert
            type="success"
            showIcon
            title={t('daily.departure.release.custodyDone', { name: custody.data.custody.staffName ?? '' })}
          />
        ) : null}
        {custody.isError ? <GateError error={custody.error} /> : null}
        {inCare ? (
          <Flex vertical gap={8}>
            <Button
              type="primary"
              size="large"
              block
              disabled={!personId || !checked || !timely}
              loading={release.isPending}
              onClick={() => doRelease(verifiedCode ? 'pickup_code' : 'listed_person')}
              data-testid="release-confirm"
            >
              {verifiedCode
                ? t('daily.departure.release.confirmByCode')
                : t('daily.departure.release.confirmByPerson')}
            </Button>
            {child.flags.mayLeaveAlone ? (
              <Button
                block
                disabled={!timely}
                loading={release.isPending}
                onClick={() => doRelease('alone')}
                data-testid="release-alone"
              >
                {t('daily.departure.release.alone')}
              </Button>
            ) : null}
            {canPlaceInCustody && child.flags.extendedCustody && child.status !== 'in_custody' ? (
              <Button
                block
                loading={custody.isPending}
                disabled={custody.isSuccess}
                onClick={() => custody.mutate({ studentId: child.studentId, deviceId: deviceId() })}
                data-testid="release-custody"
              >
                {t('daily.departure.release.custody')}
              </Button>
            ) : null}
            {child.status === 'present' ? (
              <Button
                block
                loading={call.isPending}
                disabled={call.isSuccess}
                onClick={() => call.mutate({ studentId: child.studentId, deviceId: deviceId() })}
                data-testid="release-call"
              >
                {t('daily.departure.release.call')}
              </Button>
            ) : null}
          </Flex>
        ) : child.status !== 'released' ? (
          <Alert type="warning" showIcon title={t('daily.departure.release.notInCare')} />
        ) : null}
      </Flex>
    </Panel>
  );
}

function Released({ result, name, onNext }: { result: ReleaseResult; name: string; onNext: () => void }) {
  const { t } = useI18n();
  const time = formatTime(result.release.at);
  const how = releaseCheckText(t, result.release);
  const early = releaseEarlyText(t, result.release);
  return (
    <Panel data-testid="release-done">
      <Outcome
        status="success"
        title={t('daily.departure.release.done', { name })}
        subTitle={
          result.release.person
            ? t('daily.departure.release.doneDetail', {
                time,
                person: `${result.release.person.name}（${result.release.person.relation}）`,
              })
            : t('daily.departure.release.doneAlone', { time })
        }
        extra={
          <Flex vertical gap={12} align="center">
            {how ? <span data-testid="release-done-check">{how}</span> : null}
            {early ? <span data-testid="release-done-early">{early}</span> : null}
            <Button type="primary" size="large" onClick={onNext} data-testid="release-next">
              {t('daily.departure.release.next')}
            </Button>
          </Flex>
        }
      />
    </Panel>
  );
}

/**
 * F-13 放行 at the gate (also the duty chief's and a care teacher's, for their own groups): the code
 * typed or scanned finds the child, the flags and the authorized persons with photos; the guard picks
 * the person who came and confirms. A child found on the board (`?student=`) is checked by the code or,
 * without it, by an identity check of the person (issue 14.4); before the child's batch the guard
 * confirms the early release.
 */
export function GateReleasePage() {
  const { t } = useI18n();
  const membership = useActiveMembership();
  const schoolId = membership.schoolId ?? '';
  const date = useServiceToday();
  const [params, setParams] = useSearchParams();
  const fromBoard = params.get('student');
  const lookup = useLookupCode(schoolId, date ?? '');
  const byName = useGateChild(schoolId, date, fromBoard);
  const [code, setCode] = useState('');
  const [found, setFound] = useState<{ child: GateChild; code: string | null } | null>(null);
  const [released, setReleased] = useState<{ result: ReleaseResult; name: string } | null>(null);
  const [scanning, setScanning] = useState(false);

  useEffect(() => {
    if (byName.data) setFound({ child: byName.data, code: null });
  }, [byName.data]);

  const find = useCallback(
    (value: string) => {
      if (!value.trim()) return;
      setReleased(null);
      lookup.mutate(value, {
        onSuccess: (child) => setFound({ child, code: value }),
        onError: () => setFound(null),
      });
    },
    [lookup],
  );
  const onScanned = useCallback(
    (text: string) => {
      setScanning(false);
      setCode(text.startsWith('kehou:') ? (text.split(':').at(-1) ?? '') : text);
      find(text);
    },
    [find],
  );
  const next = () => {
    setFound(null);
    setReleased(null);
    setCode('');
    lookup.reset();
    if (fromBoard) setParams({}, { replace: true });
  };

  return (
    <Flex vertical gap={12} data-testid="gate-release">
      <Flex justify="space-between" align="baseline" gap={8}>
        <Heading>{t('daily.departure.release.title')}</Heading>
        <Link to={`${gateBase(membership.role)}/board`} data-testid="release-board-link">
          {t('daily.departure.release.board')}
        </Link>
      </Flex>
      {released ? (
        <Released result={released.result} name={released.name} onNext={next} />
      ) : (
        <>
          <Panel>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                find(code);
              }}
            >
              <Flex vertical gap={8}>
                <label htmlFor="pickup-code-input">
                  <Muted>{t('daily.departure.release.codeLabel')}</Muted>
                </label>
                <Input
                  id="pickup-code-input"
                  data-testid="gate-code"
                  inputMode="numeric"
                  autoComplete="off"
                  enterKeyHint="search"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                  placeholder={t('daily.departure.release.codePlaceholder')}
                  style={{ fontSize: 32, height: 64, letterSpacing: 6, textAlign: 'center' }}
                />
                <Flex gap={8}>
                  <Button
                    type="primary"
                    htmlType="submit"
                    size="large"
                    icon={<SearchOutlined />}
                    loading={lookup.isPending}
                    disabled={!date || code.trim().length === 0}
                    style={{ flex: 1 }}
                    data-testid="gate-find"
                  >
                    {t('daily.departure.release.find')}
                  </Button>
                  {canScan() ? (
                    <Button size="large" icon={<CameraOutlined />} onClick={() => setScanning((s) => !s)}>
                      {t('daily.departure.release.scan')}
                    </Button>
                  ) : null}
                </Flex>
                {scanning ? <QrScanner onRead={onScanned} onClose={() => setScanning(false)} /> : null}
                {lookup.isError ? <GateError error={lookup.error} /> : null}
              </Flex>
            </form>
          </Panel>
          {byName.isPending && fromBoard ? (
            <Panel>
              <Skeleton active paragraph={{ rows: 3 }} />
            </Panel>
          ) : null}
          {byName.isError ? <GateError error={byName.error} /> : null}
          {found && date ? (
            <ChildCard
              key={`${found.child.studentId}:${found.code ?? ''}`}
              child={found.child}
              code={found.code}
              schoolId={schoolId}
              date={date}
              canPlaceInCustody={membership.role !== 'gate_guard'}
              onReleased={(result) => setReleased({ result, name: found.child.name })}
            />
          ) : null}
        </>
      )}
    </Flex>
  );
}
