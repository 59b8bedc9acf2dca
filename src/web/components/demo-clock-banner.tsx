import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useServerClock, useSetDemoClock } from '../api/clock-queries';
import { useErrorText } from '../api/error-text';
import { formatDate } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useAuth } from '../session/auth';
import { IsoDatePicker } from './date-inputs';

/**
 * Only in `npm run demo`: a strip saying the platform runs on the demo clock (issue 5, "the demo works
 * on any day"), with the day and time it shows and a control to move it. Production never has one.
 */
export function DemoClockBanner() {
  const { t, lang } = useI18n();
  const clock = useServerClock().data;
  const { session } = useAuth();
  const [open, setOpen] = useState(false);
  if (!clock?.demo) return null;
  // Those who show the demo move its clock (policy.ts demo.clock.move); the others only read it.
  const canMove = session?.memberships.some((m) => m.role === 'bureau' || m.role === 'school_admin') ?? false;
  return (
    <div className="kh-demo-clock" role="status" data-testid="demo-clock">
      <ClockCircleOutlined aria-hidden />
      <span className="kh-ellipsis">
        {t('daily.common.demoClock', {
          date: formatDate(clock.today, lang, { weekday: true }),
          time: clock.time,
        })}
      </span>
      {canMove ? (
        <Button size="small" type="link" onClick={() => setOpen(true)} data-testid="demo-clock-change">
          {t('daily.common.demoClockChange')}
        </Button>
      ) : null}
      {open ? <DemoClockDialog today={clock.today} time={clock.time} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

function DemoClockDialog({ today, time, onClose }: { today: string; time: string; onClose: () => void }) {
  const { t } = useI18n();
  const [date, setDate] = useState<string | null>(today);
  const [hhmm, setHhmm] = useState(time);
  const set = useSetDemoClock();
  const errorText = useErrorText();
  const valid = date !== null && /^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm);
  return (
    <Modal
      open
      title={t('daily.common.demoClockTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !valid, loading: set.isPending }}
      onCancel={onClose}
      onOk={() => {
        if (!date) return;
        set.mutate({ date, time: hhmm }, { onSuccess: onClose });
      }}
    >
      <p>{t('daily.common.demoClockHelp')}</p>
      <Space direction="vertical" style={{ width: '100%' }}>
        <IsoDatePicker value={date} onChange={setDate} aria-label={t('daily.common.demoClockDate')} />
        <Input
          value={hhmm}
          onChange={(e) => setHhmm(e.target.value.trim())}
          inputMode="numeric"
          maxLength={5}
          aria-label={t('daily.common.demoClockTime')}
          placeholder="15:50"
        />
        {set.error ? (
          <div role="alert" style={{ color: '#cf1322' }}>
            {errorText(set.error)}
          </div>
        ) : null}
      </Space>
    </Modal>
  );
}
