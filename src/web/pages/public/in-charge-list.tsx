// 班组与负责人 (issue 14.5): each weekday's groups with their venue and the teacher in charge, the day's
// duty chief and managers — from the saved grouping and rota once the school saved them, from the plan
// before (src/domain/in-charge.ts). Weekdays with the same people are shown once. Plain markup (no
// antd): the public notice uses it, and so does the bureau's approval dialog.
import type { PublicNotice } from '../../api/types';
import { NameText, UserText } from '../../components/user-text';
import { formatGrades, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';

type Day = PublicNotice['inCharge']['days'][number];

function sameDays(days: readonly Day[]): { weekdays: number[]; day: Day }[] {
  const out: { key: string; weekdays: number[]; day: Day }[] = [];
  for (const day of days) {
    const key = JSON.stringify({ ...day, weekday: 0 });
    const same = out.find((d) => d.key === key);
    if (same) same.weekdays.push(day.weekday);
    else out.push({ key, weekdays: [day.weekday], day });
  }
  return out;
}

export function InChargeList({ notice, lang }: { notice: PublicNotice; lang: Lang }) {
  const { t } = useI18n();
  const { inCharge } = notice;
  const sep = lang === 'en' ? ', ' : '、';
  const colon = lang === 'en' ? ': ' : '：';
  // The weekday names the notice's schedule carries (星期一 / Monday).
  const label = new Map(
    notice.schedule.map((d) => [d.weekday as number, lang === 'en' ? d.label.en : d.label.zh]),
  );
  const names = (weekdays: number[]) => weekdays.map((w) => label.get(w) ?? String(w)).join(sep);
  return (
    <div data-testid="in-charge">
      <p className="kn-muted">
        {t(inCharge.groupsFrom === 'grouping' ? 'notice.inCharge.fromGrouping' : 'notice.inCharge.fromPlan')}
      </p>
      {sameDays(inCharge.days).map(({ weekdays, day }) => (
        <div key={weekdays.join('-')} className="kn-day">
          <h3>{names(weekdays)}</h3>
          <ul className="kn-list">
            {day.groups.length === 0 ? <li>{t('notice.inCharge.noGroups')}</li> : null}
            {day.groups.map((g) => (
              <li key={`${g.name}-${g.venue ?? ''}`}>
                {/* Generated names in English, the school's typing marked as such (issue 14.13). */}
                <strong>
                  <NameText name={g.name} />
                </strong>
                {g.grades.length > 0 ? ` · ${formatGrades(g.grades, lang)}` : null}
                {g.venue ? (
                  <>
                    {' · '}
                    <UserText>{g.venue}</UserText>
                  </>
                ) : null}
                {' · '}
                {t('notice.inCharge.leader')}
                {colon}
                <strong className="kn-name">
                  {g.leader ? <UserText>{g.leader}</UserText> : t('notice.inCharge.noLeader')}
                </strong>
              </li>
            ))}
            {day.dutyChief ? (
              <li>
                {t('notice.inCharge.dutyChief')}
                {colon}
                <strong className="kn-name">
                  <UserText>{day.dutyChief}</UserText>
                </strong>
              </li>
            ) : null}
            {day.managers.length > 0 ? (
              <li>
                {t('notice.inCharge.managers')}
                {colon}
                <UserText>{day.managers.join(sep)}</UserText>
              </li>
            ) : null}
          </ul>
        </div>
      ))}
    </div>
  );
}
