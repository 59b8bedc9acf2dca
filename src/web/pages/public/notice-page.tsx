// F-05 服务公示 (B 五(一) 学校向家长公示提供课后延时服务的项目、内容、方式等情况): the public page of a
// school's after-school service for a term, for anyone, without login, opened from a QR code on a
// phone or printed and put up. Plain HTML and its own small stylesheet: no antd, no router, no query
// cache (main.tsx mounts it alone), so the page loads fast on a phone.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { PublicNotice } from '../../api/types';
import { MessageWithUserText, NameText, UserText } from '../../components/user-text';
import { clauseRef, formatDate, formatDateTime, formatGrades, type Lang } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { standardRoleLabel } from '../../i18n/role-names';
import { InChargeList } from './in-charge-list';
import type { NoticeAddress } from './notice-address';
import './notice.css';

// Not i18n/labels: that module brings the policy tables this page does not need.
function bilingual(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

type Load =
  | { state: 'loading' }
  | { state: 'done'; notice: PublicNotice }
  | { state: 'failed'; error: unknown };

function usePublicNotice({ schoolCode, termCode }: NoticeAddress) {
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` makes a retry ask again
  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    const path = `/api/public/notices/${encodeURIComponent(schoolCode)}/${encodeURIComponent(termCode)}`;
    api
      .get<PublicNotice>(path, { allowUnauthorized: true, signal: controller.signal })
      .then((notice) => setLoad({ state: 'done', notice }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'failed', error });
      });
    return () => controller.abort();
  }, [schoolCode, termCode, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { load, retry };
}

type Day = PublicNotice['schedule'][number];

/** Weekdays with the same sessions are shown once: 周一、周二、周四 … */
function groupDays(schedule: readonly Day[]): { days: Day[]; sessions: Day['sessions'] }[] {
  const groups: { key: string; days: Day[]; sessions: Day['sessions'] }[] = [];
  for (const day of schedule) {
    const key = JSON.stringify(day.sessions);
    const same = groups.find((g) => g.key === key);
    if (same) same.days.push(day);
    else groups.push({ key, days: [day], sessions: day.sessions });
  }
  return groups;
}

function monthDay(md: string, lang: Lang): string {
  const [m, d] = md.split('-').map(Number);
  if (!m || !d) return md;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'en' ? `${d} ${months[m - 1]}` : `${m}月${d}日`;
}

/** `名称（说明）` in Chinese, `name (note)` in English. */
function withNote(text: string, note: string, lang: Lang): string {
  return lang === 'en' ? `${text} (${note})` : `${text}（${note}）`;
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * On paper only (B 五(一) 服务公示, put up at the school gate): the QR code of this notice's address,
 * so a guardian passing by opens it and applies on the phone. The QR library loads with the page's
 * print, in its own chunk, not with the notice read on a phone.
 */
function NoticeQr() {
  const { t } = useI18n();
  const [dataUrl, setDataUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const url = `${window.location.origin}${window.location.pathname}`;
    import('qrcode')
      .then((qr) => qr.toDataURL(url, { errorCorrectionLevel: 'M', margin: 1, width: 240 }))
      .then((data) => {
        if (live) setDataUrl(data);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  if (!dataUrl) return null;
  return (
    <figure className="kn-qr kn-print-only" data-testid="notice-print-qr">
      <img src={dataUrl} width={120} height={120} alt={t('notice.qrAlt')} />
      <figcaption>{t('notice.qrCaption')}</figcaption>
    </figure>
  );
}

export function NoticePage({ schoolCode, termCode, print: printNow }: NoticeAddress & { print: boolean }) {
  const { lang, setLang, t } = useI18n();
  const { load, retry } = usePublicNotice({ schoolCode, termCode });
  const notice = load.state === 'done' ? load.notice : null;

  useEffect(() => {
    // A tab title cannot mark the school's name as user text: the English one leaves a Chinese name out
    // (the page's heading shows it, marked).
    if (notice)
      document.title =
        lang === 'en' && /\p{Script=Han}/u.test(notice.school.name)
          ? t('notice.title')
          : `${t('notice.title')} · ${notice.school.name}`;
  }, [notice, t, lang]);

  // The admin page's "print" link opens the notice ready to print.
  useEffect(() => {
    if (!notice || !printNow) return;
    const timer = window.setTimeout(() => window.print(), 300);
    return () => window.clearTimeout(timer);
  }, [notice, printNow]);

  const switchLang = (
    <button
      type="button"
      className="kn-button kn-no-print"
      onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      data-testid="notice-language"
    >
      {lang === 'en' ? <span lang="zh-CN">中文</span> : 'English'}
    </button>
  );

  if (load.state === 'loading')
    return (
      <main className="kn-page">
        <p className="kn-muted">{t('common.loading')}</p>
      </main>
    );
  if (!notice) {
    const error = load.state === 'failed' ? load.error : null;
    // The server answered: an address that names no notice (a wrong code is a 400, an unknown one a
    // 404) is "no such notice"; only a request that got no answer is a network problem (issue 14.15).
    const missing = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <main className="kn-page" data-testid="notice-missing">
        <div className="kn-toolbar">{switchLang}</div>
        <h1 className="kn-title">{t(missing ? 'notice.missingTitle' : 'common.loadFailed')}</h1>
        <p className="kn-muted">
          {missing
            ? t('notice.missingDesc')
            : error instanceof ApiError && error.status > 0
              ? error.serverMessage || t('common.loadFailed')
              : t('common.networkError')}
        </p>
        {missing ? null : (
          <button type="button" className="kn-button" onClick={retry}>
            {t('common.retry')}
          </button>
        )}
      </main>
    );
  }

  const sep = lang === 'en' ? ', ' : '、';
  const dayNames = (days: Day[]) => days.map((d) => bilingual(lang, d.label)).join(sep);
  const season = notice.summerSeason;

  const applyHref = `/guardian/apply?school=${encodeURIComponent(notice.school.code)}&term=${encodeURIComponent(notice.term.code)}`;
  const applyLink = (
    <a className="kn-button kn-apply kn-no-print" href={applyHref} data-testid="notice-apply">
      {t('apply.fromNotice')}
    </a>
  );

  return (
    <main className="kn-page" data-testid="public-notice">
      <div className="kn-toolbar kn-no-print">
        <button type="button" className="kn-button" onClick={() => window.print()}>
          {t('notice.print')}
        </button>
        {switchLang}
      </div>
      <header className="kn-header">
        <p className="kn-kicker">{t('notice.kicker')}</p>
        <h1 className="kn-title">
          <UserText>{notice.school.name}</UserText>
        </h1>
        <p className="kn-subtitle">
          <MessageWithUserText
            text={t('notice.subtitle', { term: '{term}' })}
            nodes={{ term: <NameText name={notice.term.name} /> }}
          />
        </p>
        <p className="kn-muted">
          {t('notice.versionLine', {
            version: notice.version,
            at: formatDateTime(notice.publishedAt, lang),
          })}
        </p>
        {applyLink}
        <NoticeQr />
      </header>

      <section className="kn-section kn-highlight" aria-labelledby="kn-fees">
        <h2 id="kn-fees">{t('notice.fees')}</h2>
        <p>{bilingual(lang, notice.fees.text)}</p>
        <p className="kn-clause">{clauseRef(notice.fees.clause, lang)}</p>
      </section>

      <section className="kn-section" aria-labelledby="kn-overview">
        <h2 id="kn-overview">{t('notice.overview')}</h2>
        <dl className="kn-facts">
          <dt>{t('notice.grades')}</dt>
          <dd>{formatGrades(notice.grades, lang)}</dd>
          <dt>{t('notice.days')}</dt>
          <dd>{dayNames(notice.schedule)}</dd>
          <dt>{t('notice.termDates')}</dt>
          <dd>
            {formatDate(notice.term.firstDay, lang)} – {formatDate(notice.term.lastDay, lang)}
          </dd>
          {notice.term.startsOn ? (
            <>
              <dt>{t('notice.servesFrom')}</dt>
              <dd>{formatDate(notice.term.startsOn, lang)}</dd>
            </>
          ) : null}
          <dt>{t('notice.endTimes')}</dt>
          <dd>
            {season
              ? t('notice.endTimesSeason', {
                  from: monthDay(season.from, lang),
                  to: monthDay(season.to, lang),
                  summer: notice.endTimes.summer,
                  other: notice.endTimes.other,
                })
              : t('notice.endTimesPlain', { summer: notice.endTimes.summer, other: notice.endTimes.other })}
          </dd>
        </dl>
      </section>

      <section className="kn-section" aria-labelledby="kn-items">
        <h2 id="kn-items">{t('notice.items')}</h2>
        <ul className="kn-items">
          {notice.serviceItems.map((item) => (
            <li key={item.category}>
              <strong>{bilingual(lang, item.label)}</strong>
              <UserText>{item.activities.join(sep)}</UserText>
            </li>
          ))}
        </ul>
      </section>

      <section className="kn-section" aria-labelledby="kn-schedule">
        <h2 id="kn-schedule">{t('notice.schedule')}</h2>
        {groupDays(notice.schedule).map((group) => (
          <div key={group.days.map((d) => d.weekday).join('-')} className="kn-day">
            <h3>{dayNames(group.days)}</h3>
            <ol className="kn-sessions">
              {group.sessions.map((s) => (
                <li key={`${s.start}-${s.end}-${s.activity}-${s.venue ?? ''}`}>
                  <span className="kn-time">
                    {s.start}–{s.end}
                  </span>
                  <span className="kn-session">
                    <strong>
                      <UserText>{s.activity}</UserText>
                    </strong>
                    <span className="kn-muted">
                      {bilingual(lang, s.category)}
                      {[s.venue, s.staff.join(sep)].filter(Boolean).map((text) => (
                        <UserText key={text}>{` · ${text}`}</UserText>
                      ))}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </section>

      <section className="kn-section" aria-labelledby="kn-in-charge">
        <h2 id="kn-in-charge">{t('notice.inCharge')}</h2>
        <InChargeList notice={notice} lang={lang} />
        <p className="kn-clause">{clauseRef('A 三.1, A 三.6', lang)}</p>
      </section>

      {notice.departureBatches.length > 0 ? (
        <section className="kn-section" aria-labelledby="kn-batches">
          <h2 id="kn-batches">{t('notice.batches')}</h2>
          <p className="kn-muted">{t('notice.batchesIntro')}</p>
          <ul className="kn-list">
            {notice.departureBatches.map((b) => (
              <li key={`${b.name}-${b.time}`}>
                <span className="kn-time">{b.time}</span> <NameText name={b.name} />
                {b.seasons.length === 1 ? (
                  <span className="kn-muted"> · {t(`plan.season.${b.seasons[0] ?? 'summer'}`)}</span>
                ) : null}
              </li>
            ))}
          </ul>
          <p className="kn-clause">C 2</p>
        </section>
      ) : null}

      <section className="kn-section" aria-labelledby="kn-places">
        <h2 id="kn-places">{t('notice.placesAndStaff')}</h2>
        <dl className="kn-facts">
          <dt>{t('notice.venues')}</dt>
          <dd>
            <UserText>{notice.venues.map((v) => v.name).join(sep)}</UserText>
          </dd>
          <dt>{t('notice.staff')}</dt>
          <dd>
            {notice.staff.map((p, i) => (
              <span key={`${p.name}-${p.role.zh}`}>
                {i > 0 ? sep : null}
                <UserText>{p.name}</UserText>
                {withNote('', bilingual(lang, p.role), lang)}
              </span>
            ))}
          </dd>
          <dt>{t('notice.insurance')}</dt>
          <dd>
            {notice.insurance.map((p, i) => (
              <span key={`${p.insurer}-${p.coverFrom}-${bilingual('zh-CN', p.kind)}`}>
                {i > 0 ? (lang === 'en' ? '; ' : '；') : null}
                {bilingual(lang, p.kind)} · <UserText>{p.insurer}</UserText>
                {withNote('', `${formatDate(p.coverFrom, lang)} – ${formatDate(p.coverTo, lang)}`, lang)}
              </span>
            ))}
          </dd>
        </dl>
      </section>

      <section className="kn-section" aria-labelledby="kn-apply">
        <h2 id="kn-apply">{t('notice.apply')}</h2>
        <p>{bilingual(lang, notice.application.apply)}</p>
        <h3>{t('notice.withdraw')}</h3>
        <p>{bilingual(lang, notice.application.withdraw)}</p>
        <p className="kn-clause">{clauseRef(notice.application.clause, lang)}</p>
        {applyLink}
      </section>

      <section className="kn-section" aria-labelledby="kn-contacts">
        <h2 id="kn-contacts">{t('notice.contacts')}</h2>
        <ul className="kn-list">
          <li>
            {t('plan.f.principalPhone')}
            {lang === 'en' ? ': ' : '：'}
            <a href={telHref(notice.contacts.principalOfficePhone)}>{notice.contacts.principalOfficePhone}</a>
          </li>
          {notice.school.phone && notice.school.phone !== notice.contacts.principalOfficePhone ? (
            <li>
              {t('notice.schoolPhone')}
              {lang === 'en' ? ': ' : '：'}
              <a href={telHref(notice.school.phone)}>{notice.school.phone}</a>
            </li>
          ) : null}
          {notice.contacts.emergency.map((c) => (
            <li key={`${c.name}-${c.phone}`}>
              <UserText>{c.name}</UserText>
              {lang === 'en' ? ' (' : '（'}
              {standardRoleLabel(lang, c.role) ?? <UserText>{c.role}</UserText>}
              {lang === 'en' ? ')' : '）'}
              {lang === 'en' ? ': ' : '：'}
              <a href={telHref(c.phone)}>{c.phone}</a>
            </li>
          ))}
        </ul>
        {notice.school.address ? (
          <p className="kn-muted">
            <MessageWithUserText
              text={t('notice.address', { address: '{address}' })}
              user={{ address: notice.school.address }}
            />
          </p>
        ) : null}
      </section>

      <footer className="kn-footer">
        <MessageWithUserText
          text={t('notice.footer', {
            school: '{school}',
            version: notice.version,
            date: formatDate(notice.publishedAt, lang),
          })}
          user={{ school: notice.school.name }}
        />
      </footer>
    </main>
  );
}
