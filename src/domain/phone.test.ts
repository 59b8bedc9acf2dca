import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMobile, maskPhone, normaliseMobile, toHalfWidth } from './phone.js';

describe('normaliseMobile', () => {
  it('reads the ways people write a mobile', () => {
    for (const written of [
      '13800138000',
      '138 0013 8000',
      '138-0013-8000',
      ' 138 0013 8000 ',
      '138\u30000013\u30008000',
      '+86 138 0013 8000',
      '+8613800138000',
      '+86-138-0013-8000',
      '(+86)13800138000',
      '0086 13800138000',
      '8613800138000',
      '１３８００１３８０００',
      '＋８６ １３８ ００１３ ８０００',
      '138.0013.8000',
    ]) {
      expect(normaliseMobile(written), written).toBe('13800138000');
    }
  });

  it('refuses what is not a mainland mobile', () => {
    for (const written of [
      '',
      '   ',
      '1380013800', // 10 digits
      '138001380001', // 12 digits
      '12800138000', // 12x is not a mobile range
      '23800138000',
      '0755-12345678',
      '+85213800138000',
      '86138001380', // 86 before an 9-digit number is not a country code
      '138O0138000', // letter O
      '=13800138000',
      '138****8000',
    ]) {
      expect(normaliseMobile(written), written).toBeNull();
    }
    expect(normaliseMobile(null)).toBeNull();
    expect(normaliseMobile(undefined)).toBeNull();
  });

  it('accepts every range 13x–19x and only those', () => {
    for (let second = 0; second <= 9; second++) {
      const phone = `1${second}800138000`;
      expect(normaliseMobile(phone)).toBe(second >= 3 ? phone : null);
    }
  });

  it('gives the same number whatever the separators (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('3', '4', '5', '6', '7', '8', '9'),
        fc.stringMatching(/^\d{9}$/),
        fc.array(fc.constantFrom('', ' ', '-', '\u3000'), { minLength: 10, maxLength: 10 }),
        fc.constantFrom('', '+86', '+86 ', '0086', '86'),
        fc.boolean(),
        (second, rest, seps, prefix, fullWidth) => {
          const phone = `1${second}${rest}`;
          let written = prefix + [...phone].map((d, i) => d + (seps[i] ?? '')).join('');
          if (fullWidth)
            written = written.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
          expect(normaliseMobile(written)).toBe(phone);
        },
      ),
    );
  });
});

describe('isMobile', () => {
  it('accepts only the stored form', () => {
    expect(isMobile('13800138000')).toBe(true);
    expect(isMobile('138 0013 8000')).toBe(false);
    expect(isMobile('+8613800138000')).toBe(false);
    expect(isMobile('12800138000')).toBe(false);
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+86 138 1234 1234')).toBe('138****1234');
  });

  it('passes a masked number through and never shows other text in full', () => {
    expect(maskPhone('138****1234')).toBe('138****1234');
    expect(maskPhone('0755-12345678')).toBe('07****');
    expect(maskPhone('')).toBeNull();
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('toHalfWidth', () => {
  it('turns full-width digits and punctuation to ASCII and leaves Chinese alone', () => {
    expect(toHalfWidth('（１）班')).toBe('(1)班');
    expect(toHalfWidth('张三')).toBe('张三');
  });
});
