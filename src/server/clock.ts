// Time comes from a clock the app is given, so that tests control it (session expiry, lockout
// windows) and production never shifts it.
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

// School dates are in Asia/Shanghai whatever the server's zone (ARCHITECTURE "dates of service").
export const SCHOOL_TIME_ZONE = 'Asia/Shanghai';

export function schoolDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: SCHOOL_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
