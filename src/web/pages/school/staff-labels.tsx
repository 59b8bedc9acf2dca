import { Tag } from 'antd';
import { LEADERSHIP_DUTIES, leadershipDutyLabel } from '../../../domain/rota';
import type { LetterStatus } from '../../api/staff-queries';
import type { Lang } from '../../i18n/format';
import { isMessageKey, type TFunction } from '../../i18n/i18n';

const LETTER_COLORS: Record<LetterStatus, string> = {
  current: 'success',
  expiring: 'warning',
  expired: 'error',
  missing: 'error',
  not_yet: 'processing',
};

/** 有效 / 即将到期 / 已过期 / 未签 (A 三.1). */
export function LetterStatusTag({ status, t }: { status: LetterStatus; t: TFunction }) {
  return (
    <Tag color={LETTER_COLORS[status]} data-testid={`letter-${status}`}>
      {t(`staffPage.letter.${status}`)}
    </Tag>
  );
}

/** A duty as stored (its Chinese text), in the UI language. */
export function dutyText(text: string, lang: Lang): string {
  const label = leadershipDutyLabel(text);
  return lang === 'en' ? label.en : label.zh;
}

/** The duties A 二 names, for the duty picker: value is the stored Chinese text. */
export function namedDutyOptions(lang: Lang, position: 'leader' | 'deputy' | 'member' | null) {
  return Object.values(LEADERSHIP_DUTIES)
    .filter((d) => position === null || d.position === position)
    .map((d) => ({ value: d.zh, label: lang === 'en' ? d.en : d.zh }));
}

/** 周一 … 周日 (Monday … Sunday) for 1 … 7. */
export function weekdayLabel(t: TFunction, weekday: number): string {
  const key = `weekday.${weekday}`;
  return isMessageKey(key) ? t(key) : String(weekday);
}
