import { beforeAll, describe, expect, it } from '@jest/globals';
import i18next, { type i18n as I18n } from 'i18next';
import {
  ATTENDANCE_ACTIONS,
  ERROR_CODES,
  ERROR_PARAM_NAMES,
  FIELD_ERROR_CODES,
  FIELD_ERROR_PARAM_NAMES,
  FIELD_RULES,
  MEETING_ACTIONS,
  MINUTES_ACTIONS,
  SPEECH_REQUEST_ACTIONS,
  type ApiError,
  type FieldError,
} from '@app/contracts';
import { HttpError, SIGN_OUT_REASONS } from '../api/http';
import { en } from './en';
import { vi } from './vi';
import { describeError, describeFieldError, fieldErrorText, type Translate } from './errors';

const LANGS = { vi, en };
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]);

describe('every error code has a translation in both languages', () => {
  for (const [lang, messages] of Object.entries(LANGS)) {
    const codes = messages.errors.codes as Record<string, string>;
    const fields = messages.errors.fields as Record<string, string>;
    const rules = messages.errors.rules as Record<string, string>;

    it(`${lang}: each code the server answers, using only the params it sends`, () => {
      for (const code of ERROR_CODES) {
        expect([code, typeof codes[code] === 'string' && codes[code].trim().length > 0]).toEqual([code, true]);
        for (const p of placeholders(codes[code])) expect([code, p, (ERROR_PARAM_NAMES[code] as readonly string[]).includes(p)]).toEqual([code, p, true]);
      }
      expect(placeholders(messages.errors.http)).toEqual(['status']);
      for (const key of ['network', 'unknown'] as const) expect(messages.errors[key].trim()).not.toBe('');
    });

    it(`${lang}: each field error code (and its variants by origin, type or format) and each refine rule`, () => {
      for (const code of FIELD_ERROR_CODES) {
        expect([code, typeof fields[code] === 'string' && fields[code].trim().length > 0]).toEqual([code, true]);
      }
      for (const [key, text] of Object.entries(fields)) {
        const base = FIELD_ERROR_CODES.find((c) => key === c || key.startsWith(`${c}_`));
        expect([key, base !== undefined]).toEqual([key, true]);
        for (const p of placeholders(text)) expect([key, p, (FIELD_ERROR_PARAM_NAMES[base!] as readonly string[]).includes(p)]).toEqual([key, p, true]);
      }
      for (const rule of FIELD_RULES) {
        expect([rule, typeof rules[rule] === 'string' && rules[rule].trim().length > 0]).toEqual([rule, true]);
        expect(placeholders(rules[rule])).toEqual([]);
      }
    });

    it(`${lang}: each action an illegal change names`, () => {
      const tables: [Record<string, string>, readonly string[]][] = [
        [messages.errors.actions.meeting, MEETING_ACTIONS],
        [messages.errors.actions.attendance, ATTENDANCE_ACTIONS],
        [messages.errors.actions.speech, SPEECH_REQUEST_ACTIONS],
        [messages.errors.actions.minutes, MINUTES_ACTIONS],
      ];
      for (const [table, actions] of tables) for (const a of actions) expect([a, !!table[a]?.trim()]).toEqual([a, true]);
    });
  }
});

describe('describeError', () => {
  let i18n: I18n;
  let tVi: Translate;
  let tEn: Translate;
  beforeAll(async () => {
    i18n = i18next.createInstance();
    await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
    tVi = i18n.getFixedT('vi') as Translate;
    tEn = i18n.getFixedT('en') as Translate;
  });
  const refused = (body: Partial<ApiError> & Pick<ApiError, 'code'>) =>
    new HttpError(body.statusCode ?? 409, { statusCode: 409, message: 'Developer English that must not show', params: {}, correlationId: 'c-1', ...body } as ApiError);

  it('translates by code, with statuses and actions in the reader’s language', () => {
    const err = refused({ code: 'meeting_illegal_transition', params: { status: 'cancelled', action: 'start' } });
    expect(describeError(err, tVi)).toBe('Không thể bắt đầu khi cuộc họp đang ở trạng thái “Đã hủy”.');
    expect(describeError(err, tEn)).toBe('Cannot start while the meeting is “Cancelled”.');
    expect(describeError(refused({ code: 'meeting_not_found', statusCode: 404, params: { meetingId: 'm' } }), tVi)).toBe('Không tìm thấy cuộc họp');
    expect(describeError(refused({ code: 'minutes_illegal_transition', params: { status: 'published', action: 'approve' } }), tVi)).toBe(
      'Không thể duyệt biên bản đang ở trạng thái “Đã công bố”.',
    );
  });

  it('reads the error inside a socket ack, a failed command and a media command', () => {
    const ack: ApiError = { statusCode: 409, code: 'speaker_queue_empty', message: 'Nobody is waiting to speak', params: {}, correlationId: 'ws-1' };
    expect(describeError(ack, tVi)).toBe('Không còn ai trong danh sách chờ phát biểu.');
    expect(describeError(Object.assign(new Error(ack.message), { body: ack }), tVi)).toBe('Không còn ai trong danh sách chờ phát biểu.');
    expect(describeError(Object.assign(new Error('x'), { error: { ...ack, code: 'media_floor_held' } }), tVi)).toContain('điểm cầu khác đang phát biểu');
  });

  it('never shows the developer message: unknown codes, fallbacks, network failures and crashes', () => {
    expect(describeError(refused({ code: 'http_405', statusCode: 405 }), tVi)).toBe('Máy chủ từ chối yêu cầu (mã 405).');
    expect(describeError(refused({ code: 'from_a_newer_server' as 'not_found', statusCode: 422 }), tVi)).not.toContain('English');
    expect(describeError(new TypeError('Failed to fetch'), tVi)).toBe('Không kết nối được máy chủ. Vui lòng kiểm tra đường truyền rồi thử lại.');
    expect(describeError(new Error('undefined is not a function'), tVi)).toBe('Đã có lỗi xảy ra. Vui lòng thử lại.');
    const crash = describeError(refused({ code: 'internal_error', statusCode: 500, correlationId: 'req-42' }), tVi);
    expect(crash).toContain('req-42');
    expect(crash).not.toContain('English');
  });

  it('phrases field errors beside their field name, translated', () => {
    const required: FieldError = { field: 'fullName', code: 'required', params: {}, reason: 'Too small: expected string to have >=1 characters' };
    expect(describeFieldError(required, tVi)).toBe('Họ và tên: không được để trống');
    expect(describeFieldError(required, tEn)).toBe('Full name: is required');
    const long: FieldError = { field: 'title', code: 'too_big', params: { origin: 'string', maximum: 500, inclusive: true }, reason: 'Too big' };
    expect(describeFieldError(long, tVi)).toBe('Tiêu đề: không được dài quá 500 ký tự');
    expect(describeFieldError(long, tVi, { title: 'Tên cuộc họp' })).toBe('Tên cuộc họp: không được dài quá 500 ký tự');
    const end: FieldError = { field: 'scheduledEnd', code: 'custom', params: { rule: 'end_after_start' }, reason: 'must be after scheduledStart' };
    expect(describeFieldError(end, tVi, { scheduledEnd: 'Giờ kết thúc' })).toBe('Giờ kết thúc: phải sau thời điểm bắt đầu');
    const uuid: FieldError = { field: 'sessions.0.items.1.responsibleOrganizationId', code: 'invalid_format', params: { format: 'uuid' }, reason: 'Invalid UUID' };
    expect(describeFieldError(uuid, tVi)).toBe('Cơ quan thực hiện: không phải mã định danh hợp lệ');
    const row: FieldError = { field: 'line 3: fullName', code: 'required', params: {}, reason: 'x' };
    expect(describeFieldError(row, tVi)).toBe('Dòng 3 – Họ và tên: không được để trống');
    const err = refused({ code: 'validation_failed', statusCode: 400, fields: [required] });
    expect(fieldErrorText(err, 'fullName', tVi)).toBe('không được để trống');
    expect(fieldErrorText(err, 'position', tVi)).toBeUndefined();
  });
});

describe('connection and overload errors read as sentences, never as developer text', () => {
  let tVi: Translate;
  let tEn: Translate;
  beforeAll(async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources: { vi: { translation: vi }, en: { translation: en } }, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
    tVi = i18n.getFixedT('vi') as Translate;
    tEn = i18n.getFixedT('en') as Translate;
  });
  const answer = (statusCode: number, code: string, params: Record<string, unknown> = {}) =>
    new HttpError(statusCode, { statusCode, code, message: 'Developer English that must not show', params, correlationId: '' } as ApiError);
  const clean = (text: string) => expect(text).not.toMatch(/\{\{|\}\}|Developer|Failed to fetch|undefined|null/);

  it('503 database_unavailable / server_busy and 429 rate_limited, with and without a retry time', () => {
    for (const t of [tVi, tEn]) {
      for (const e of [answer(503, 'database_unavailable', { retryAfterSeconds: 5 }), answer(503, 'server_busy'), answer(429, 'rate_limited', { retryAfterSeconds: 30 }), answer(429, 'rate_limited'), answer(502, 'http_502'), answer(504, 'http_504')]) clean(describeError(e, t));
    }
    expect(describeError(answer(503, 'database_unavailable', { retryAfterSeconds: 5 }), tVi)).toBe('Hệ thống tạm thời gián đoạn. Vui lòng thử lại sau 5 giây.');
    expect(describeError(answer(503, 'server_busy'), tVi)).toBe('Máy chủ đang bận. Vui lòng thử lại sau ít phút.');
    expect(describeError(answer(429, 'rate_limited', { retryAfterSeconds: 30 }), tVi)).toBe('Bạn thao tác quá nhanh. Vui lòng thử lại sau 30 giây.');
    expect(describeError(answer(429, 'rate_limited'), tVi)).toBe('Bạn thao tác quá nhanh. Vui lòng chờ một lát rồi thử lại.');
  });

  it('a request that never reached the server: the network text, or the offline one when the browser has no network', () => {
    const refusedOffline = Object.assign(new Error('not connected'), { body: { statusCode: 0, code: 'http_0', message: 'not connected', params: {}, correlationId: '' } });
    expect(describeError(new TypeError('Failed to fetch'), tVi)).toBe(vi.errors.network);
    expect(describeError(refusedOffline, tVi)).toBe(vi.errors.network);
    const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    try {
      expect(describeError(new TypeError('Failed to fetch'), tVi)).toBe(vi.errors.offline);
      expect(describeError(new TypeError('NetworkError when attempting to fetch resource.'), tEn)).toBe(en.errors.offline);
      expect(describeError(refusedOffline, tVi)).toBe(vi.errors.offline);
    } finally {
      if (had) Object.defineProperty(globalThis, 'navigator', had);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });

  it('the Vietnamese screen has its own text for every code (no English copied over) and no text for a code the server does not send', () => {
    const viCodes = vi.errors.codes as Record<string, string>;
    const enCodes = en.errors.codes as Record<string, string>;
    for (const code of Object.keys(viCodes)) expect([code, (ERROR_CODES as readonly string[]).includes(code)]).toEqual([code, true]);
    for (const code of ERROR_CODES) expect([code, viCodes[code] !== enCodes[code]]).toEqual([code, true]);
    for (const key of ['network', 'offline', 'unknown'] as const) expect([key, vi.errors[key] !== en.errors[key] && !!en.errors[key].trim()]).toEqual([key, true]);
  });

  it('the sign-in page can say why for every way a sign-in ends, and every page has a tab title, in both languages', () => {
    for (const messages of [vi, en]) {
      for (const reason of SIGN_OUT_REASONS) expect([reason, !!messages.connection.signedOut[reason]?.trim()]).toEqual([reason, true]);
      for (const [page, title] of Object.entries(messages.connection.titles)) expect([page, title.trim().length > 0]).toEqual([page, true]);
      for (const s of ['connecting', 'online', 'offline', 'restored'] as const) expect(messages.connection[s].trim()).not.toBe('');
    }
  });
});
