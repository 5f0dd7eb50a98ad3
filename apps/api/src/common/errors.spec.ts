import { BadRequestException, NotFoundException } from '@nestjs/common';
import { createOrganizationRequestSchema, loginRequestSchema } from '@app/contracts';
import { toApiError } from './exception.filter';
import { CommonException } from './domain.exception';
import { parseOrThrow } from './zod.pipe';

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

describe('toApiError', () => {
  it('never leaks an internal error message', () => {
    const body = toApiError(new Error('relation "secret_table" does not exist'), 'corr-1');
    expect(body).toEqual({ statusCode: 500, code: 'internal_error', message: expect.not.stringContaining('secret_table'), correlationId: 'corr-1' });
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
