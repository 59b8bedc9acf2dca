// antd's date picker reads weekday and month names from dayjs; register Chinese for it.
import 'dayjs/locale/zh-cn';
import { ConfigProvider, DatePicker, type FormRule } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CSSProperties } from 'react';
import type { TFunction } from '../i18n/i18n';

// Dates in forms are ISO `YYYY-MM-DD` strings, the school's calendar dates (src/domain/dates.ts);
// times are `HH:MM` as an office writes them, 24-hour. The pickers only change how they are typed.

const ISO = 'YYYY-MM-DD';

interface IsoDatePickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  disabled?: boolean;
  /** Days before this one (ISO) cannot be picked. */
  min?: string;
  max?: string;
  style?: CSSProperties;
  placeholder?: string;
  'aria-label'?: string;
}

// The phone layout's 44 px controls make antd's day cells 1.5 × as wide, a 384 px calendar that ran
// off the left edge of a 390 px phone (issue 14.10). On a narrow screen the cells are as wide as seven
// fit beside the panel's padding and the page's margins, at most 44 px (a thumb's width).
const NARROW = 576;
const PANEL_CHROME = 72; // the panel's padding and border, and the page's margins on both sides

function narrowCellWidth(): number | null {
  if (typeof window === 'undefined' || window.innerWidth >= NARROW) return null;
  return Math.max(28, Math.min(44, Math.floor((window.innerWidth - PANEL_CHROME) / 7)));
}

/** A date picker whose value is an ISO date string, for use inside `Form.Item`. */
export function IsoDatePicker({ value, onChange, min, max, style, ...rest }: IsoDatePickerProps) {
  const parsed: Dayjs | null = value ? dayjs(value, ISO) : null;
  const cellWidth = narrowCellWidth();
  const picker = (
    <DatePicker
      {...rest}
      value={parsed?.isValid() ? parsed : null}
      format={ISO}
      onChange={(next: Dayjs | null) => onChange?.(next ? next.format(ISO) : null)}
      disabledDate={(d: Dayjs) => {
        const iso = d.format(ISO);
        return (min !== undefined && iso < min) || (max !== undefined && iso > max);
      }}
      style={{ width: '100%', ...style }}
    />
  );
  return cellWidth === null ? (
    picker
  ) : (
    <ConfigProvider theme={{ components: { DatePicker: { cellWidth } } }}>{picker}</ConfigProvider>
  );
}

export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
export const MONTH_DAY_PATTERN = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `HH:MM`, 24-hour (17:30). */
export function timeRule(t: TFunction): FormRule {
  return { pattern: TIME_PATTERN, message: t('form.timeInvalid') };
}

/** `MM-DD` (05-01). */
export function monthDayRule(t: TFunction): FormRule {
  return { pattern: MONTH_DAY_PATTERN, message: t('form.monthDayInvalid') };
}
