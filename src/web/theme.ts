// The colours of the whole app, in one place (issue 14.20). antd's defaults fail WCAG 2.1 AA
// contrast (4.5:1 for text) in many places: white on its primary #1677ff is 4.1:1, secondary text
// #8c8c8c on white 3.36:1, success and warning tag text 2.2:1 and 1.82:1, danger #ff4d4f 3.26:1.
// A teacher reads the phone in a bright corridor: these are the next darker shades of the same
// hues, each at least 4.5:1 on white, on its own light background and on the phone pages' greys
// (#f5f5f5, the guardian's #ededed). Pages that paint a colour themselves take it from `colors`.
import type { ThemeConfig } from 'antd';

export const colors = {
  /** antd blue-7: white on it 6.2:1; on #e6f4ff (selected menu item) 5.5:1; on the amber demo strip 5.9:1. */
  primary: '#0958d9',
  /** WeChat's green made darker: white on it 5.8:1, on the guardian's grey #ededed 5.0:1. */
  guardian: '#06753b',
  /** Secondary and description text (antd's #8c8c8c is 3.4:1): 5.7:1 on white, 4.9:1 on #ededed. */
  textSecondary: '#666666',
  /** red-7: white on it 5.6:1, on the error background 5.1:1. */
  error: '#cf1322',
  /** green-8: 5.4:1 on the success background. */
  success: '#237804',
  /** gold-9: the warning's amber as text, 5.6:1 on the warning background. */
  warning: '#874d00',
  /** orange-8: late marks and "not marked" tags, 5.1:1 on orange-1. */
  orange: '#ad4e00',
  /** Placeholders and "no data": lighter than text, still 4.7:1 on white. */
  placeholder: '#737373',
  /** A child on leave: still readable (the grey #bfbfbf under white was 1.8:1). */
  leave: '#737373',
} as const;

// Tags of a preset colour write their text in `<colour>7` on `<colour>1`: the ones below 4.5:1
// take a darker shade. antd keeps each shade under two names (`orange7`, `orange-7`) that become
// one CSS variable; both are set, or the second one's default wins.
const darker = {
  orange: colors.orange,
  green: colors.success,
  gold: colors.warning,
  volcano: '#ad2102',
  cyan: '#006d75',
  lime: '#3f6600',
  yellow: '#614700',
} as const;
const presetTagText = Object.fromEntries(
  Object.entries(darker).flatMap(([hue, color]) => [
    [`${hue}7`, color],
    [`${hue}-7`, color],
  ]),
);

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: colors.primary,
    colorInfo: colors.primary,
    colorLink: colors.primary,
    colorError: colors.error,
    colorSuccess: colors.success,
    colorWarning: colors.warning,
    // Derived from the darker seeds, the light backgrounds turn grey (#adb8a5): keep antd's own.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorTextTertiary: colors.textSecondary,
    colorTextDescription: colors.textSecondary,
    // A placeholder is text to read too (a select's "choose…"): 4.7:1 instead of 1.8:1.
    colorTextPlaceholder: colors.placeholder,
    borderRadius: 6,
    ...presetTagText,
  },
  components: {
    // "No data" in an empty table or list is antd's disabled grey (1.8:1): it is information.
    Empty: { colorTextDisabled: colors.placeholder },
    Table: { colorTextDisabled: colors.placeholder },
    Layout: { headerBg: '#ffffff', headerPadding: '0 12px', siderBg: '#ffffff', bodyBg: '#f5f5f5' },
  },
};

/** The guardian's pages: the same, in the darker green. */
export const guardianTokens = { colorPrimary: colors.guardian, colorLink: colors.guardian } as const;
