// What the QR on the guardian's phone holds (F-13), and reading what the gate typed or scanned. The
// QR names the school and the day as well as the code, so a scanned code of another school is refused
// and yesterday's screenshot is told apart from a wrong code. Pure.
import type { IsoDate } from './dates.js';
import { readPickupCode } from './departure.js';

const PREFIX = 'kehou:pickup:';

export function pickupQrText(schoolCode: string, date: IsoDate, code: string): string {
  return `${PREFIX}${schoolCode}:${date.replaceAll('-', '')}:${code}`;
}

export type PickupInput =
  | { kind: 'typed'; code: string }
  | { kind: 'scanned'; code: string; schoolCode: string; date: IsoDate }
  | { kind: 'unreadable' };

// Typed digits (spaces, dashes, full-width digits accepted: `readPickupCode`) or the QR text.
export function readPickupInput(input: string): PickupInput {
  const text = input.trim();
  if (text.toLowerCase().startsWith(PREFIX)) {
    const match = /^kehou:pickup:([^:]+):(\d{4})(\d{2})(\d{2}):(\d{6})$/i.exec(text);
    if (!match) return { kind: 'unreadable' };
    const [, schoolCode = '', y, m, d, code = ''] = match;
    return { kind: 'scanned', code, schoolCode, date: `${y}-${m}-${d}` };
  }
  const code = readPickupCode(text);
  return code === null ? { kind: 'unreadable' } : { kind: 'typed', code };
}
