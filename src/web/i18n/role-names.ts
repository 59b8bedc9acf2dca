// Apart from labels.ts, so that the public notice's small chunk can use it without the console's labels.
import { LEADERSHIP_DUTIES, LEADERSHIP_POSITIONS } from '../../domain/rota';
import type { Lang } from './format';

const POSITION_BY_ZH = new Map(Object.values(LEADERSHIP_POSITIONS).map((text) => [text.zh, text]));
const DUTY_BY_ZH = new Map(Object.values(LEADERSHIP_DUTIES).map((text) => [text.zh, text]));

/**
 * A contact's role as the plan wrote it. The leadership group's positions and their A 二 duties,
 * written the standard way (`组长（看护工作第一责任人）`), read in English (`Leader (First person
 * responsible for care)`); any other wording is the school's own and is shown as written (null).
 */
export function standardRoleLabel(lang: Lang, role: string): string | null {
  const m = /^\s*([^（(]+?)\s*(?:[（(]\s*(.+?)\s*[）)])?\s*$/.exec(role);
  const position = m?.[1] ? POSITION_BY_ZH.get(m[1]) : undefined;
  const duty = m?.[2] ? DUTY_BY_ZH.get(m[2]) : undefined;
  if (!position || (m?.[2] && !duty)) return null;
  const text = lang === 'en' ? position.en : position.zh;
  if (!duty) return text;
  return lang === 'en' ? `${text} (${duty.en})` : `${text}（${duty.zh}）`;
}
