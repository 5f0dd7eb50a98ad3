import { z } from 'zod';
import { fieldRule, matching } from './errors';

/** The platform's time zone: Vietnam has used UTC+7 all year since 1975, no daylight saving. */
export const PLATFORM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const PLATFORM_UTC_OFFSET = '+07:00';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;
const DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A point in time as people enter it: ISO 8601 with an offset, or a wall-clock
 * time without one, read in Asia/Ho_Chi_Minh. Always yields a UTC ISO string.
 */
export const instantSchema = z
  .string()
  .refine(
    (s) => LOCAL_DATE_TIME.test(s) || DATE_TIME_WITH_OFFSET.test(s),
    fieldRule('date_time_format', 'must be a date-time like 2026-12-01T08:00 (Asia/Ho_Chi_Minh) or 2026-12-01T01:00:00Z'),
  )
  .transform((s) => new Date(LOCAL_DATE_TIME.test(s) ? `${s}${PLATFORM_UTC_OFFSET}` : s))
  .refine((d) => !Number.isNaN(d.getTime()), fieldRule('real_date', 'is not a real date'))
  .transform((d) => d.toISOString());

/** The UTC ISO instant of a wall-clock time in Asia/Ho_Chi_Minh as a datetime-local input gives it ("2026-12-01T08:00"); null when it is not one. */
export function instantOfLocal(local: string): string | null {
  if (!LOCAL_DATE_TIME.test(local)) return null;
  const d = new Date(`${local}${PLATFORM_UTC_OFFSET}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The wall-clock value (YYYY-MM-DDTHH:mm) of an instant in Asia/Ho_Chi_Minh, for a datetime-local input. */
export function localInputOf(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

/** A calendar day in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
export const localDateSchema = matching(z.string(), /^\d{4}-\d{2}-\d{2}$/, 'date_format', 'must be a date like 2026-12-01');

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
