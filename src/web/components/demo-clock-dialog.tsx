import { Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useSetDemoClock } from '../api/clock-queries';
import { useErrorText } from '../api/error-text';
import { useI18n } from '../i18n/i18n';
import { IsoDatePicker } from './date-inputs';

/** Moves the demo clock (demo-clock-banner.tsx): a date and a time of day. */
export function DemoClockDialog({
  today,
  time,
  onClose,
}: {
  today: string;
  time: string;
  onClose: () => void;
}) {
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
