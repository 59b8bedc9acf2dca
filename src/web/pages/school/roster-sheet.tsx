import type { RosterChild, RosterView } from '../../api/grouping-queries';
import { useI18n } from '../../i18n/i18n';
import { weekdayLabel } from './grouping-labels';

export interface SheetGroup {
  key: string;
  name: string;
  teacherName: string | null;
  venueName: string | null;
  capacity: number | null;
  children: RosterChild[];
}

/** One group's page of the roster (A 三.5 课后看护学生名册): a header, then a row per child. */
export function RosterSheet({ roster, group }: { roster: RosterView; group: SheetGroup }) {
  const { t } = useI18n();
  const contact = (c: { name: string; relation: string; phone: string | null }) =>
    `${c.name}（${c.relation}）${c.phone ?? ''}`;
  return (
    <section className="kh-roster-sheet" data-testid="roster-sheet" aria-label={group.name}>
      <div className="kh-roster-sheet-head">
        <h2>
          {roster.school.name} · {group.name}
        </h2>
        <span>
          {roster.term.name} · {weekdayLabel(t, roster.weekday)}
        </span>
        <span>
          {t('roster.teacher')}：{group.teacherName ?? t('roster.none')}
        </span>
        <span>
          {t('roster.venue')}：{group.venueName ?? t('roster.none')}
          {group.capacity !== null ? t('roster.capacity', { capacity: group.capacity }) : ''}
        </span>
        <span>{t('roster.count', { count: group.children.length })}</span>
      </div>
      <div className="kh-roster-scroll">
        <table className="kh-roster-table">
          <thead>
            <tr>
              <th className="kh-roster-num">{t('roster.col.no')}</th>
              <th>{t('roster.col.name')}</th>
              <th>{t('roster.col.class')}</th>
              <th>{t('roster.col.batch')}</th>
              <th>{t('roster.col.custody')}</th>
              <th>{t('roster.col.alone')}</th>
              <th>{t('roster.col.guardians')}</th>
              <th>{t('roster.col.pickup')}</th>
              <th className="kh-roster-sign">{t('roster.col.sign')}</th>
            </tr>
          </thead>
          <tbody>
            {group.children.length === 0 ? (
              <tr>
                <td colSpan={9}>{t('roster.emptyGroup')}</td>
              </tr>
            ) : (
              group.children.map((c, i) => (
                <tr key={c.enrollmentId}>
                  <td className="kh-roster-num">{i + 1}</td>
                  <td>{c.name}</td>
                  <td>{c.className}</td>
                  <td>{c.departureBatch}</td>
                  <td>{c.extendedCustody ? t('roster.yes') : ''}</td>
                  <td>{c.mayLeaveAlone ? t('roster.yes') : ''}</td>
                  <td>
                    {c.guardians.map((g) => (
                      <div key={`${g.name}${g.relation}`} className="kh-roster-contact">
                        {contact(g)}
                      </div>
                    ))}
                  </td>
                  <td>
                    {c.pickupPersons.map((p) => (
                      <div key={`${p.name}${p.relation}`} className="kh-roster-contact">
                        {contact(p)}
                      </div>
                    ))}
                  </td>
                  <td className="kh-roster-sign" />
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
