import { describe, expect, it } from 'vitest';
import { pickupQrText, readPickupInput } from './pickup-qr.js';

describe('pickup QR and typed codes', () => {
  it('writes the school, the day and the code, and reads them back', () => {
    const qr = pickupQrText('9901020001', '2026-11-30', '042917');
    expect(qr).toBe('kehou:pickup:9901020001:20261130:042917');
    expect(readPickupInput(qr)).toEqual({
      kind: 'scanned',
      code: '042917',
      schoolCode: '9901020001',
      date: '2026-11-30',
    });
    expect(readPickupInput(` ${qr.toUpperCase().replace('KEHOU:PICKUP', 'kehou:pickup')} `)).toMatchObject({
      kind: 'scanned',
    });
  });

  it('reads digits as a guard types them: spaces, dashes, full-width digits', () => {
    expect(readPickupInput('042 917')).toEqual({ kind: 'typed', code: '042917' });
    expect(readPickupInput('０４２９１７')).toEqual({ kind: 'typed', code: '042917' });
    expect(readPickupInput('04-29-17')).toEqual({ kind: 'typed', code: '042917' });
  });

  it('refuses anything else', () => {
    for (const bad of [
      '',
      '12345',
      '1234567',
      'abcdef',
      'kehou:pickup:1:2026:123456',
      'kehou:pickup:x:20261130:12345',
    ]) {
      expect(readPickupInput(bad)).toEqual({ kind: 'unreadable' });
    }
  });
});
