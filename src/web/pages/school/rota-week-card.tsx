import { Skeleton } from 'antd';
import { useRota } from '../../api/staff-queries';
import { Muted, Panel } from '../../components/surface';
import { MessageWithUserText } from '../../components/user-text';
import { useI18n } from '../../i18n/i18n';
import { weekdayLabel } from './staff-labels';

/**
 * 本周值日 on the phone home of the care teacher and duty chief (F-10), read-only: the duty chief of
 * each service weekday and, bold, the reader's own days with their roles.
 */
export function RotaWeekCard({ schoolId }: { schoolId: string }) {
  const { lang, t } = useI18n();
  const rota = useRota(schoolId, null);
  // No approved plan yet, or no term: nothing to show on the home page.
  if (rota.isError) return null;
  const data = rota.data;
  const mine = data?.hours.find((h) => h.staffId === data.me);
  return (
    <Panel title={t('rota.week.title')} data-testid="rota-week">
      {!data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : data.days.length === 0 ? (
        <Muted>{t('rota.week.none')}</Muted>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
          {data.days.map((d) => {
            const roles = mine?.days.find((m) => m.weekday === d.weekday)?.roles ?? [];
            return (
              <li
                key={d.weekday}
                style={{
                  display: 'flex',
                  flexWrap: 'wrap',
                  gap: '2px 8px',
                  fontWeight: roles.length > 0 ? 600 : 400,
                }}
              >
                <span style={{ minWidth: 36 }}>{weekdayLabel(t, d.weekday)}</span>
                <span>
                  {/* The duty chief's name is the school's typing (issue 14.13). */}
                  <MessageWithUserText
                    text={t('common.labelValue', {
                      label: t('rota.col.dutyChief'),
                      value: d.dutyChief ? '{name}' : t('rota.week.chiefMissing'),
                    })}
                    user={d.dutyChief ? { name: d.dutyChief.name } : {}}
                  />
                </span>
                {roles.length > 0 ? (
                  <span>
                    {t('rota.week.mine', {
                      roles: roles.map((r) => t(`rota.role.${r}`)).join(lang === 'en' ? ', ' : '、'),
                    })}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}
