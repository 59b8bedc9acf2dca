import { ClockCircleOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useServerClock } from '../api/clock-queries';
import { formatDate } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { useAuth } from '../session/auth';

// The dialog brings the date picker (dayjs and antd's picker, a sixth of a phone page's weight):
// loaded when someone opens it, not with every page (issue 14.19).
const DemoClockDialog = lazy(() =>
  import('./demo-clock-dialog').then((m) => ({ default: m.DemoClockDialog })),
);

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
      {open ? (
        <Suspense fallback={null}>
          <DemoClockDialog today={clock.today} time={clock.time} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
