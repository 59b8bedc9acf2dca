// Time comes from a clock the app is given, so that tests control it (session expiry, lockout
// windows) and production never shifts it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// School dates are in Asia/Shanghai whatever the server's zone (ARCHITECTURE "dates of service").
export const SCHOOL_TIME_ZONE = 'Asia/Shanghai';

// Made once: building an Intl.DateTimeFormat costs far more than using one (a roll call checks the
// date of every mark).
const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: SCHOOL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHOOL_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function schoolDate(at: Date): string {
  return DATE_FORMAT.format(at);
}

// The demo's clock (issue 5, "the demo works on any day"): someone trying `npm run demo` on a Sunday
// or in the holidays still walks through a whole service day. It starts at a chosen moment (the most
// recent service day of the demo school, mid-afternoon) and runs forward in real time; the demo
// may move it (PUT /api/demo/clock). Production never gets one: `kehou serve` uses `systemClock`.
export class DemoClock implements Clock {
  private offsetMs: number;

  constructor(
    start: Date,
    // The real time beside it: accounts (sessions, sign-in attempts) follow this one.
    readonly real: Clock = systemClock,
  ) {
    this.offsetMs = start.getTime() - real.now().getTime();
  }

  now(): Date {
    return new Date(this.real.now().getTime() + this.offsetMs);
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - this.real.now().getTime();
  }
}

// A Shanghai wall-clock time on a school date as an instant (China has had no daylight saving since
// 1991, so the offset is always +08:00).
export function schoolInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export function schoolTime(at: Date): string {
  return TIME_FORMAT.format(at);
}
