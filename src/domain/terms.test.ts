import { describe, expect, it } from 'vitest';
import { overlappingTerm, termOn, termsInForce, termsOverlap } from './terms.js';

const city = 'city';
const county = 'county';
const chain = [city, county];
const term = (regionId: string, firstDay: string, lastDay: string, code = `${regionId}-${firstDay}`) => ({
  regionId,
  firstDay,
  lastDay,
  code,
});
const thisAutumn = term(city, '2026-09-01', '2027-01-22');
const thisSpring = term(city, '2027-02-23', '2027-07-10');

describe('termsOverlap', () => {
  it('counts a shared first or last day as an overlap, the next day as none', () => {
    expect(termsOverlap(thisAutumn, { firstDay: '2027-01-22', lastDay: '2027-02-01' })).toBe(true);
    expect(termsOverlap(thisAutumn, { firstDay: '2026-08-01', lastDay: '2026-09-01' })).toBe(true);
    expect(termsOverlap(thisAutumn, { firstDay: '2027-01-23', lastDay: '2027-02-01' })).toBe(false);
    expect(termsOverlap(thisAutumn, { firstDay: '2026-08-01', lastDay: '2026-08-31' })).toBe(false);
  });
});

describe('termsInForce (B 六(五) 统一启动时间, 一县一策)', () => {
  it('keeps the city’s current term when the county publishes next year’s early (issue 13)', () => {
    const nextYear = term(county, '2027-09-01', '2028-01-20');
    const inForce = termsInForce(chain, [thisAutumn, thisSpring, nextYear]);
    expect(inForce.map((t) => t.code)).toEqual([thisAutumn.code, thisSpring.code, nextYear.code]);
    expect(termOn(inForce, '2026-12-08')).toBe(thisAutumn);
    expect(termOn(inForce, '2027-10-08')).toBe(nextYear);
  });
  it('lets a county term replace the city’s for the dates it shares, and only below the county', () => {
    const own = term(county, '2026-08-31', '2027-01-15');
    expect(termsInForce(chain, [thisAutumn, thisSpring, own])).toEqual([own, thisSpring]);
    // The city itself and its other counties keep the city's term.
    expect(termsInForce([city], [thisAutumn, thisSpring, own])).toEqual([thisAutumn, thisSpring]);
    expect(termsInForce([city, 'other'], [thisAutumn, thisSpring, own])).toEqual([thisAutumn, thisSpring]);
    // Between the county's last day and the city's next term, no term is in force.
    expect(termOn(termsInForce(chain, [thisAutumn, own]), '2027-01-20')).toBeNull();
  });
  it('takes the nearest region first across three levels, and nothing from outside the chain', () => {
    const province = term('province', '2026-09-01', '2027-01-31');
    const cityTerm = term(city, '2026-09-01', '2027-01-22');
    expect(termsInForce(['province', city, county], [province, cityTerm])).toEqual([cityTerm]);
    expect(termsInForce(['province', city, county], [province])).toEqual([province]);
    expect(termsInForce(chain, [term('elsewhere', '2026-09-01', '2027-01-22')])).toEqual([]);
  });
});

describe('termOn', () => {
  it('is the term whose first or last day or any day between is the date; none between terms', () => {
    const terms = [thisAutumn, thisSpring];
    expect(termOn(terms, '2026-09-01')).toBe(thisAutumn);
    expect(termOn(terms, '2027-01-22')).toBe(thisAutumn);
    expect(termOn(terms, '2027-02-10')).toBeNull();
    expect(termOn(terms, '2027-02-23')).toBe(thisSpring);
  });
});

describe('overlappingTerm', () => {
  it('names the region’s term a new one would share a date with', () => {
    expect(overlappingTerm([thisAutumn, thisSpring], { firstDay: '2027-01-20', lastDay: '2027-02-22' })).toBe(
      thisAutumn,
    );
    expect(
      overlappingTerm([thisAutumn, thisSpring], { firstDay: '2027-01-23', lastDay: '2027-02-22' }),
    ).toBeNull();
  });
});
