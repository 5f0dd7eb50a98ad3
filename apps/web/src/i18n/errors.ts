import { isErrorCode, isHttpFallbackCode, type ApiError, type ErrorCode, type FieldError } from '@app/contracts';
import { fmt } from './index';

/** The `t` of react-i18next, or any function of the same shape (tests pass i18next's own). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Where each code's {{status}} comes from: the status tables the pages already translate. */
const STATUS_TABLE: Partial<Record<ErrorCode, string>> = {
  meeting_illegal_transition: 'statuses',
  meeting_not_editable: 'statuses',
  roster_closed: 'statuses',
  tech_check_closed: 'statuses',
  no_open_roll_call: 'statuses',
  meeting_not_live: 'statuses',
  meeting_not_ended: 'statuses',
  media_meeting_not_active: 'statuses',
  illegal_attendance_change: 'attendees.statuses',
  speaker_not_checked_in: 'attendees.statuses',
  illegal_speech_request_change: 'floor.statuses',
  minutes_not_editable: 'minutes.statuses',
  minutes_in_review: 'minutes.statuses',
  minutes_not_published: 'minutes.statuses',
  minutes_correction_required: 'minutes.statuses',
  minutes_illegal_transition: 'minutes.statuses',
  report_not_failed: 'report.statuses',
  notice_not_ready: 'report.statuses',
  poll_illegal_transition: 'voting.statuses',
  poll_not_open: 'voting.statuses',
  poll_not_closed: 'voting.statuses',
  task_illegal_action: 'tasks.statuses',
};
const ACTION_TABLE: Partial<Record<ErrorCode, string>> = {
  meeting_illegal_transition: 'errors.actions.meeting',
  illegal_attendance_change: 'errors.actions.attendance',
  illegal_speech_request_change: 'errors.actions.speech',
  minutes_illegal_transition: 'errors.actions.minutes',
  poll_illegal_transition: 'errors.actions.poll',
  task_illegal_action: 'tasks.actions',
};
const DATE_PARAMS = new Set(['scheduledStart', 'deadline']);

/** The browser says it has no network (then a failed request was never sent). */
const offline = () => typeof navigator !== 'undefined' && navigator.onLine === false;

const isApiError = (x: unknown): x is ApiError =>
  !!x && typeof x === 'object' && typeof (x as ApiError).code === 'string' && typeof (x as ApiError).statusCode === 'number';

/**
 * The server's error body inside whatever was thrown: an HttpError (`body`),
 * a failed socket command (`body`), a MediaCommandError (`error`), or an ack's
 * error itself.
 */
export function apiErrorOf(err: unknown): ApiError | null {
  if (isApiError(err)) return err;
  if (err && typeof err === 'object') {
    const { body, error } = err as { body?: unknown; error?: unknown };
    if (isApiError(body)) return body;
    if (isApiError(error)) return error;
  }
  return null;
}

/** The params of an error, with statuses and actions translated and dates in Asia/Ho_Chi_Minh. */
function paramsFor(e: ApiError, t: Translate): Record<string, unknown> {
  const params: Record<string, unknown> = { ...(e.params ?? e.details ?? {}) };
  const code = e.code as ErrorCode;
  const statusTable = STATUS_TABLE[code];
  if (statusTable && typeof params.status === 'string') params.status = t(`${statusTable}.${params.status}`);
  const actionTable = ACTION_TABLE[code];
  if (actionTable && typeof params.action === 'string') params.action = t(`${actionTable}.${params.action}`);
  for (const k of Object.keys(params)) if (DATE_PARAMS.has(k) && typeof params[k] === 'string') params[k] = fmt(params[k] as string);
  if (typeof params.format === 'string') params.format = params.format.toUpperCase();
  return params;
}

/**
 * The one sentence a person reads for an error, in the current language.
 * Every place the web shows an error goes through this: the server's English
 * `message` never reaches the screen.
 */
export function describeError(err: unknown, t: Translate): string {
  const e = apiErrorOf(err);
  if (e) {
    let text: string;
    // never reached the server (a command refused while the socket is down)
    if (e.statusCode === 0) return t(offline() ? 'errors.offline' : 'errors.network');
    if (isErrorCode(e.code)) {
      text = t(`errors.codes.${e.code}`, paramsFor(e, t));
      // an optional param the server left out (a 429 without Retry-After): the sentence without it
      if (text.includes('{{')) text = t(`errors.withoutParams.${e.code}`, { defaultValue: '' }) || t('errors.http', { status: e.statusCode });
    }
    else if (isHttpFallbackCode(e.code)) text = t('errors.http', { status: e.statusCode });
    // a code from a newer server than this page: say what we can from the status
    else text = e.statusCode === 0 ? t(offline() ? 'errors.offline' : 'errors.network') : t('errors.http', { status: e.statusCode });
    if (e.statusCode >= 500 && e.correlationId) text += ` ${t('errors.reference', { id: e.correlationId })}`;
    return text;
  }
  // fetch() rejects with a TypeError ("Failed to fetch", "NetworkError ...") when the server cannot be reached
  if (err instanceof TypeError) return t(offline() ? 'errors.offline' : 'errors.network');
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && ['NotAllowedError', 'NotFoundError', 'NotReadableError'].includes(name)) return t(`errors.device.${name}`);
  return t('errors.unknown');
}

/** A field's label: the form's own, else the shared table, else the path itself. */
export function fieldLabel(field: string, t: Translate, labels?: Record<string, string>): string {
  if (labels?.[field]) return labels[field];
  // a line of an imported file (invalid_roster): "line 3: fullName"
  const line = /^line (\d+): (.+)$/.exec(field);
  if (line) return `${t('attendees.line', { line: Number(line[1]) })} – ${fieldLabel(line[2], t, labels)}`;
  const last = field.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? field;
  if (labels?.[last]) return labels[last];
  for (const name of [field, last]) {
    if (name.includes('.')) continue;
    const text = t(`errors.fieldNames.${name}`, { defaultValue: '' });
    if (text) return text;
  }
  return field;
}

/** What is wrong with one field, without its name (shown beside the field). */
export function fieldMessage(f: FieldError, t: Translate): string {
  switch (f.code) {
    case 'custom':
      return f.params.rule ? t(`errors.rules.${f.params.rule}`) : t('errors.fields.custom');
    case 'too_small':
    case 'too_big':
      return t(`errors.fields.${f.code}`, { ...f.params, context: f.params.origin });
    case 'invalid_type':
      return t('errors.fields.invalid_type', { ...f.params, context: f.params.expected });
    case 'invalid_format':
      return t('errors.fields.invalid_format', { ...f.params, context: f.params.format });
    default:
      return t(`errors.fields.${f.code}`, f.params as Record<string, unknown>);
  }
}

/** "Họ và tên: không được để trống". */
export function describeFieldError(f: FieldError, t: Translate, labels?: Record<string, string>): string {
  return `${fieldLabel(f.field, t, labels)}: ${fieldMessage(f, t)}`;
}

/** The translated error of one field of a refused request, for the form to show beside it. */
export function fieldErrorText(err: unknown, field: string, t: Translate): string | undefined {
  const f = apiErrorOf(err)?.fields?.find((x) => x.field === field);
  return f ? fieldMessage(f, t) : undefined;
}
