import { BadRequestException, MethodNotAllowedException, NotFoundException } from '@nestjs/common';
import { z } from 'zod';
import {
  createMeetingRequestSchema,
  createOrganizationRequestSchema,
  createSpeechRequestSchema,
  ERROR_CODES,
  FIELD_ERROR_CODES,
  ROUTES,
  ROUTE_NAMES,
  type RouteDef,
  inputString,
  instantOfLocal,
  instantSchema,
  isRealDate,
  localDateSchema,
  loginRequestSchema,
  text,
  meetingTransitionRequestSchema,
  type FieldError,
} from '@app/contracts';
import { QueryFailedError } from 'typeorm';
import { retryAfterOf, toApiError } from './exception.filter';
import { CommonException } from './domain.exception';
import { parseOrThrow, zodFieldErrors } from './zod.pipe';
import { MeetingErrorCode, MeetingException } from '../meetings/meeting.exception';
import { AccountErrorCode } from '../accounts/account.exception';
import { AttendanceErrorCode } from '../attendance/attendance.exception';
import { AuthErrorCode } from '../auth/auth.exception';
import { MediaErrorCode } from '../media/media.exception';
import { MinutesErrorCode } from '../minutes/minutes.exception';
import { OrganizationErrorCode } from '../organizations/organization.exception';
import { ReportErrorCode } from '../reports/report.exception';
import { SpeakerErrorCode } from '../speakers/speaker.exception';
import { TaskErrorCode } from '../tasks/task.exception';
import { CommonErrorCode } from './domain.exception';

const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return toApiError(err, 'c1');
  }
  throw new Error('expected a throw');
};

describe('request validation', () => {
  it('names unknown fields, wrong types and overlong strings', () => {
    const error = fieldsOf(() => parseOrThrow(createOrganizationRequestSchema, { kind: 'ministry', name: 'x'.repeat(301), extra: 1, code: 5 }));
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fields?.map((f) => f.field).sort()).toEqual(['code', 'extra', 'name']);
  });

  it('keeps Vietnamese text, normalized to NFC and trimmed', () => {
    const parsed = parseOrThrow(createOrganizationRequestSchema, { kind: 'department', name: '  Sở Ngoại vụ '.normalize('NFD') });
    expect(parsed.name).toBe('Sở Ngoại vụ');
  });

  it('lowercases usernames at login', () => {
    expect(parseOrThrow(loginRequestSchema, { username: ' Admin ', password: 'p' }).username).toBe('admin');
  });
});

const fieldErrors = (schema: z.ZodType, value: unknown): FieldError[] => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('expected invalid input');
  return zodFieldErrors(result.error);
};
const byField = (errors: FieldError[]) => Object.fromEntries(errors.map((e) => [e.field, { code: e.code, params: e.params }]));

describe('zod issues as field error codes', () => {
  it('tells missing and blank fields (required) from bounds, types and formats', () => {
    const errors = fieldErrors(createOrganizationRequestSchema, { kind: 'ministry', name: '   ', shortName: 'x'.repeat(101), parentId: 'nope', extra: true });
    expect(byField(errors)).toMatchObject({
      name: { code: 'required', params: {} },
      shortName: { code: 'too_big', params: { origin: 'string', maximum: expect.any(Number), inclusive: true } },
      parentId: { code: 'invalid_format', params: { format: 'uuid' } },
      extra: { code: 'unknown_field', params: {} },
    });
    expect(byField(fieldErrors(createOrganizationRequestSchema, { kind: 'ministry' })).name).toEqual({ code: 'required', params: {} });
    expect(byField(fieldErrors(createOrganizationRequestSchema, { kind: 'ministry', name: 5 })).name).toEqual({ code: 'invalid_type', params: { expected: 'string' } });
  });

  it('lists the allowed values of an enum', () => {
    const errors = fieldErrors(createOrganizationRequestSchema, { kind: 'kingdom', name: 'Bộ Ngoại giao' });
    expect(errors).toEqual([expect.objectContaining({ field: 'kind', code: 'invalid_value', params: { values: expect.arrayContaining(['ministry', 'province']) } })]);
  });

  it('names the rule of a refine, never only its English message', () => {
    const meeting = { kind: 'plenary', title: 'Hội nghị', hostOrganizationId: '00000000-0000-4000-8000-000000000001', scheduledStart: '2026-12-01T10:00', scheduledEnd: '2026-12-01T08:00' };
    expect(fieldErrors(createMeetingRequestSchema, meeting)).toEqual([
      { field: 'scheduledEnd', code: 'custom', params: { rule: 'end_after_start' }, reason: 'must be after scheduledStart' },
    ]);
    expect(byField(fieldErrors(createMeetingRequestSchema, { ...meeting, scheduledStart: 'mai', scheduledEnd: undefined }))).toMatchObject({
      scheduledStart: { code: 'custom', params: { rule: 'date_time_format' } },
      scheduledEnd: { code: 'required' },
    });
    const prepared = fieldErrors(createSpeechRequestSchema, {
      endpointId: '00000000-0000-4000-8000-000000000001',
      attendeeId: '00000000-0000-4000-8000-000000000002',
      kind: 'prepared',
    });
    expect(prepared).toContainEqual(expect.objectContaining({ field: 'topic', code: 'custom', params: { rule: 'prepared_needs_topic' } }));
  });

  it('names the rule of a pattern and keeps the pattern in the OpenAPI schema', () => {
    expect(byField(fieldErrors(createOrganizationRequestSchema, { kind: 'ministry', name: 'Bộ Y tế', code: 'bộ y tế' })).code).toEqual({ code: 'custom', params: { rule: 'organization_code_format' } });
    const json = z.toJSONSchema(createOrganizationRequestSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
    expect(json.properties.code).toEqual({ anyOf: [expect.objectContaining({ type: 'string', pattern: '^[A-Z0-9_-]{1,32}$' }), { type: 'null' }] });
  });

  it('answers an unknown discriminator as invalid_value, and every code is a declared one', () => {
    const errors = fieldErrors(meetingTransitionRequestSchema, { action: 'explode' });
    expect(errors[0]).toMatchObject({ code: 'invalid_value' });
    for (const e of errors) expect(FIELD_ERROR_CODES).toContain(e.code);
  });

  it('keeps field codes and params in the 400 body', () => {
    const error = fieldsOf(() => parseOrThrow(loginRequestSchema, { username: '', password: 'p' }));
    expect(error).toMatchObject({ statusCode: 400, code: 'validation_failed', params: {}, fields: [{ field: 'username', code: expect.any(String), params: expect.any(Object) }] });
  });
});

describe('error codes', () => {
  it('every domain enum answers only codes declared in libs/contracts', () => {
    const enums = [CommonErrorCode, AccountErrorCode, AttendanceErrorCode, AuthErrorCode, MediaErrorCode, MeetingErrorCode, MinutesErrorCode, OrganizationErrorCode, ReportErrorCode, SpeakerErrorCode, TaskErrorCode];
    for (const e of enums) for (const code of Object.values(e)) expect(ERROR_CODES).toContain(code);
  });
});

describe('toApiError', () => {
  it('sends the params of a domain error, and the deprecated details alias while clients move over', () => {
    const body = toApiError(new MeetingException(MeetingErrorCode.IllegalTransition, 'Cannot start a meeting that is cancelled', { status: 'cancelled', action: 'start' }), 'c');
    expect(body).toMatchObject({ statusCode: 409, code: 'meeting_illegal_transition', params: { status: 'cancelled', action: 'start' }, details: { status: 'cancelled', action: 'start' } });
    expect(toApiError(CommonException.forbidden(), 'c')).toEqual(expect.objectContaining({ params: {} }));
    expect(toApiError(CommonException.forbidden(), 'c')).not.toHaveProperty('details');
  });

  it('answers an unmapped framework status as http_<status>', () => {
    expect(toApiError(new MethodNotAllowedException(), 'c')).toMatchObject({ statusCode: 405, code: 'http_405', params: {} });
  });

  it('never leaks an internal error message', () => {
    const body = toApiError(new Error('relation "secret_table" does not exist'), 'corr-1');
    expect(body).toEqual({ statusCode: 500, code: 'internal_error', message: expect.not.stringContaining('secret_table'), params: {}, correlationId: 'corr-1' });
  });

  it('maps domain exceptions with their status and code', () => {
    expect(toApiError(CommonException.forbidden(), 'c')).toMatchObject({ statusCode: 403, code: 'forbidden' });
  });

  it('maps framework errors', () => {
    expect(toApiError(new NotFoundException(), 'c')).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect(toApiError(new BadRequestException('Unexpected token } in JSON at position 1'), 'c')).toMatchObject({ statusCode: 400, code: 'invalid_json' });
  });
});

describe('overload', () => {
  it('answers 503 server_busy when no database connection frees up in time', () => {
    const error = toApiError(new Error('timeout exceeded when trying to connect'), 'c2');
    expect(error).toMatchObject({ statusCode: 503, code: 'server_busy', correlationId: 'c2' });
  });
});

/** What node-postgres throws, wrapped by TypeORM as QueryFailedError with the driver's error inside. */
const pgError = (code: string, message = 'db said no') => new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('database errors', () => {
  it('answers 503 database_unavailable with a Retry-After when PostgreSQL is unreachable or restarting', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });
    for (const err of [refused, pgError('57P01', 'terminating connection due to administrator command'), pgError('57P03'), pgError('08006'), new Error('Connection terminated unexpectedly')]) {
      const body = toApiError(err, 'c3');
      expect(body).toMatchObject({ statusCode: 503, code: 'database_unavailable', params: { retryAfterSeconds: 5 } });
      expect(retryAfterOf(body)).toBe(5);
    }
    expect(retryAfterOf(toApiError(new Error('timeout exceeded when trying to connect'), 'c'))).toBe(5);
  });

  it('answers constraint violations a service did not catch as 409/422 with a code, never naming the constraint', () => {
    expect(toApiError(pgError('23505', 'duplicate key value violates unique constraint "uq_secret"'), 'c')).toMatchObject({ statusCode: 409, code: 'duplicate_record', message: expect.not.stringContaining('uq_secret') });
    expect(toApiError(pgError('23503'), 'c')).toMatchObject({ statusCode: 422, code: 'unknown_reference' });
    expect(toApiError(pgError('23514'), 'c')).toMatchObject({ statusCode: 422, code: 'constraint_violated' });
    expect(toApiError(pgError('22008'), 'c')).toMatchObject({ statusCode: 422, code: 'constraint_violated' });
    // anything else from the database stays a 500 that names nothing
    expect(toApiError(pgError('42P01', 'relation "secret_table" does not exist'), 'c')).toMatchObject({ statusCode: 500, code: 'internal_error', message: expect.not.stringContaining('secret') });
  });
});

describe('body parser errors', () => {
  const httpError = (status: number, type?: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { status, statusCode: status, expose: true, ...(type ? { type } : {}), ...extra });

  it('answers an unsupported charset or content-encoding 415 with what was sent, anything unreadable 400', () => {
    expect(toApiError(httpError(415, 'charset.unsupported', { charset: 'klingon' }), 'c')).toMatchObject({ statusCode: 415, code: 'unsupported_charset', params: { charset: 'klingon' } });
    expect(toApiError(httpError(415, 'encoding.unsupported', { encoding: 'x-'.repeat(100) }), 'c')).toMatchObject({ statusCode: 415, code: 'unsupported_content_encoding', params: { encoding: 'x-'.repeat(20) } });
    expect(toApiError(httpError(400, undefined, { code: 'Z_DATA_ERROR' }), 'c')).toMatchObject({ statusCode: 400, code: 'unreadable_body' });
    expect(toApiError(httpError(400, 'request.size.invalid'), 'c')).toMatchObject({ statusCode: 400, code: 'unreadable_body' });
    expect(toApiError(httpError(400, 'entity.parse.failed'), 'c')).toMatchObject({ statusCode: 400, code: 'invalid_json' });
    expect(toApiError(httpError(413, 'entity.too.large'), 'c')).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
  });
});

describe('the shared text and date schemas', () => {
  it('refuses NUL and lone surrogates in every text, keeps pairs (emoji) and Vietnamese', () => {
    for (const bad of ['a\u0000b', '\ud800', 'x\udc00y', '\ud83d']) {
      expect(fieldErrors(inputString(), bad)).toEqual([expect.objectContaining({ code: 'custom', params: { rule: 'text_characters' } })]);
      expect(fieldErrors(text(100), bad)).toEqual([expect.objectContaining({ params: { rule: 'text_characters' } })]);
    }
    expect(parseOrThrow(text(100), ' Đoàn Thu Hà 🎉 ')).toBe('Đoàn Thu Hà 🎉');
    expect(fieldErrors(loginRequestSchema, { username: 'ad\u0000min', password: 'x' })).toEqual([expect.objectContaining({ field: 'username', params: { rule: 'text_characters' } })]);
    // zod's URL check lets a NUL through; the shared rule does not
    const speech = { endpointId: '00000000-0000-4000-8000-000000000001', attendeeId: '00000000-0000-4000-8000-000000000002', kind: 'prepared', topic: 'Tham luận' };
    expect(fieldErrors(createSpeechRequestSchema, { ...speech, documentUrl: 'https://vpcp.gov.vn/\u0000.pdf' })).toEqual([expect.objectContaining({ field: 'documentUrl', params: { rule: 'text_characters' } })]);
    expect(parseOrThrow(createSpeechRequestSchema, { ...speech, documentUrl: 'https://vpcp.gov.vn/tai-lieu.pdf' }).documentUrl).toBe('https://vpcp.gov.vn/tai-lieu.pdf');
  });

  it('builds every string a route takes (params, query, body) on the shared rule', () => {
    interface Def { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; valueType?: z.ZodType }
    const leaks: string[] = [];
    const walk = (schema: z.ZodType, where: string): void => {
      const def = schema._zod.def as unknown as Def;
      if (def.type === 'string' || def.type === 'pipe') {
        if (['Hà\u0000Nội', 'Hà Nội\ud800', 'https://vpcp.gov.vn/\u0000.pdf'].some((probe) => schema.safeParse(probe).success)) leaks.push(where);
        return;
      }
      Object.entries(def.shape ?? {}).forEach(([k, v]) => walk(v, `${where}.${k}`));
      [def.innerType, def.element, def.valueType, ...(def.options ?? [])].forEach((inner) => inner && walk(inner, where));
    };
    for (const name of ROUTE_NAMES) {
      const def = ROUTES[name] as RouteDef;
      for (const [part, schema] of [['params', def.params], ['query', def.query], ['body', def.body]] as const) if (schema) walk(schema, `${name} ${part}`);
    }
    expect(leaks).toEqual([]);
  });

  it('knows which days exist', () => {
    expect(['2026-02-28', '2028-02-29', '2026-12-31', '1900-01-01', '2999-12-31'].filter(isRealDate)).toHaveLength(5);
    expect(['2026-02-29', '2026-02-30', '2026-13-45', '2026-00-10', '2026-04-31', '0000-01-01', '1899-12-31', '3000-01-01', '2026-1-1'].filter(isRealDate)).toEqual([]);
    expect(fieldErrors(localDateSchema, '2026-02-30')).toEqual([expect.objectContaining({ params: { rule: 'real_date' } })]);
    expect(fieldErrors(localDateSchema, '30/02/2026')).toEqual([expect.objectContaining({ params: { rule: 'date_format' } })]);
  });

  it('refuses impossible instants instead of rolling them over (2027-02-30 was 2 March)', () => {
    for (const bad of ['2027-02-30T08:00', '2026-13-45T08:00', '0000-01-01T00:00', '2026-12-01T24:00', '2026-12-01T08:60', '2026-12-01T08:00:00+15:00']) {
      expect([bad, fieldErrors(instantSchema, bad)]).toEqual([bad, [expect.objectContaining({ params: { rule: 'real_date' } })]]);
    }
    expect(fieldErrors(instantSchema, 'tomorrow')).toEqual([expect.objectContaining({ params: { rule: 'date_time_format' } })]);
    expect(parseOrThrow(instantSchema, '2028-02-29T08:00')).toBe('2028-02-29T01:00:00.000Z');
    expect(parseOrThrow(instantSchema, '2026-12-01T01:00:00Z')).toBe('2026-12-01T01:00:00.000Z');
    expect(instantOfLocal('2027-02-30T08:00')).toBeNull();
  });
});
