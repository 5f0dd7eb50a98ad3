import { z } from 'zod';
import { fieldRule } from './errors';

/** The platform's time zone: Vietnam has used UTC+7 all year since 1975, no daylight saving. */
export const PLATFORM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const PLATFORM_UTC_OFFSET = '+07:00';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The years a date of this platform can fall in. There is no year 0000, and outside this range a year is a
 * typo (20266 cut short, 0026); PostgreSQL would answer a BC or five-digit year with an error, not a date.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_PARTS = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):(\d{2}))?$/;

/**
 * Whether YYYY-MM-DD names a day of the calendar: 2026-02-30 and 2026-13-45 do not. Date alone would not
 * tell: `new Date('2027-02-30T08:00')` is 2 March, so a format check let impossible days be stored shifted.
 */
export function isRealDate(date: string): boolean {
  const m = DAY.exec(date);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a date-time of the accepted formats names a real day and a real time of day (no 24:00, no 08:61, offsets to ±14:59). */
export function isRealDateTime(s: string): boolean {
  const m = DATE_TIME_PARTS.exec(s);
  if (!m) return false;
  const [hour, minute, second, offsetHours, offsetMinutes] = [m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0));
  return isRealDate(m[1]) && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 14 && offsetMinutes <= 59;
}

/**
 * A point in time as people enter it: ISO 8601 with an offset, or a wall-clock
 * time without one, read in Asia/Ho_Chi_Minh. Always yields a UTC ISO string.
 */
export const instantSchema = z
  .string()
  .refine((s) => LOCAL_DATE_TIME.test(s) || DATE_TIME_WITH_OFFSET.test(s), {
    ...fieldRule('date_time_format', 'must be a date-time like 2026-12-01T08:00 (Asia/Ho_Chi_Minh) or 2026-12-01T01:00:00Z'),
    abort: true,
  })
  .refine(isRealDateTime, { ...fieldRule('real_date', `is not a real date and time (years ${MIN_YEAR}-${MAX_YEAR})`), abort: true })
  .transform((s) => new Date(LOCAL_DATE_TIME.test(s) ? `${s}${PLATFORM_UTC_OFFSET}` : s))
  .refine((d) => !Number.isNaN(d.getTime()), fieldRule('real_date', 'is not a real date'))
  .transform((d) => d.toISOString());

/** The UTC ISO instant of a wall-clock time in Asia/Ho_Chi_Minh as a datetime-local input gives it ("2026-12-01T08:00"); null when it is not one. */
export function instantOfLocal(local: string): string | null {
  if (!LOCAL_DATE_TIME.test(local) || !isRealDateTime(local)) return null;
  const d = new Date(`${local}${PLATFORM_UTC_OFFSET}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The wall-clock value (YYYY-MM-DDTHH:mm) of an instant in Asia/Ho_Chi_Minh, for a datetime-local input. */
export function localInputOf(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** A calendar day in Asia/Ho_Chi_Minh, YYYY-MM-DD, that exists (the one calendar-date schema of every body and query). */
export const localDateSchema = z
  .string()
  .refine((s) => DAY.test(s), { ...fieldRule('date_format', 'must be a date like 2026-12-01'), abort: true })
  .refine(isRealDate, fieldRule('real_date', `is not a real date (years ${MIN_YEAR}-${MAX_YEAR})`))
  .meta({ pattern: DAY.source });

/** The UTC instant at which a local day (Asia/Ho_Chi_Minh) begins. */
export function startOfLocalDay(date: string): Date {
  return new Date(`${date}T00:00:00${PLATFORM_UTC_OFFSET}`);
}

/** The local day (Asia/Ho_Chi_Minh) of an instant. */
export function localDateOf(instant: Date | string): string {
  const d = new Date(new Date(instant).getTime() + 7 * 3600_000);
  return d.toISOString().slice(0, 10);
}

/** Formats an instant for people, in the platform time zone. */
export function formatLocal(instant: Date | string, locale: 'vi' | 'en' = 'vi', options: Intl.DateTimeFormatOptions = { dateStyle: 'short', timeStyle: 'short' }): string {
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { ...options, timeZone: PLATFORM_TIME_ZONE }).format(new Date(instant));
}
