import type { RosterChild, RosterView } from '../../api/grouping-queries';
import { NameText, UserText } from '../../components/user-text';
import { useI18n } from '../../i18n/i18n';
import { relationLabel } from '../../i18n/labels';
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
  const { t, lang } = useI18n();
  const colon = lang === 'en' ? ': ' : '：';
  // The names as the school wrote them; the relation in the page's language (issue 14.13).
  const contact = (c: { name: string; relation: string; phone: string | null }) => (
    <>
      <UserText>{c.name}</UserText>
      {lang === 'en' ? ` (${relationLabel(t, lang, c.relation)}) ` : `（${c.relation}）`}
      {c.phone ?? ''}
    </>
  );
  return (
    <section className="kh-roster-sheet" data-testid="roster-sheet" aria-labelledby={`roster-${group.key}`}>
      <div className="kh-roster-sheet-head">
        <h2 id={`roster-${group.key}`}>
          <UserText>{roster.school.name}</UserText> · <NameText name={group.name} />
        </h2>
        <span>
          <NameText name={roster.term.name} /> · {weekdayLabel(t, roster.weekday)}
        </span>
        <span>
          {t('roster.teacher')}
          {colon}
          {group.teacherName ? <UserText>{group.teacherName}</UserText> : t('roster.none')}
        </span>
        <span>
          {t('roster.venue')}
          {colon}
          {group.venueName ? <UserText>{group.venueName}</UserText> : t('roster.none')}
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
                  <td>
                    <UserText>{c.name}</UserText>
                  </td>
                  <td>
                    <NameText name={c.className} />
                  </td>
                  <td>
                    <NameText name={c.departureBatch} />
                  </td>
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
