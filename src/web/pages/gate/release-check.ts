// How a release at the gate was verified and whether it was early (issue 14.4), in words: shown when
// the guard has released a child and in the audit log of the gate's work.
import type { ReleaseResult } from '../../api/departure-queries';
import type { TFunction } from '../../i18n/i18n';

type Release = Pick<ReleaseResult['release'], 'method' | 'identityCheck' | 'early'>;

/** `核验：照片相符` …; null for a child leaving alone and for releases recorded before the check. */
export function releaseCheckText(t: TFunction, release: Release): string | null {
  if (release.method === 'pickup_code') return t('daily.departure.release.check.pickup_code');
  const check = release.identityCheck;
  if (!check) return null;
  return check.method === 'id_last4'
    ? t('daily.departure.release.check.id_last4', { last4: check.last4 ?? '' })
    : t(`daily.departure.release.check.${check.method}`);
}

/** `早于离校批次 17:00 70 分钟放行（已确认）`; null when the release was not early. */
export function releaseEarlyText(t: TFunction, release: Release): string | null {
  const early = release.early;
  return early
    ? t('daily.departure.release.check.early', { time: early.batchTime, minutes: early.minutesEarly })
    : null;
}
