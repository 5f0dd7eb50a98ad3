import { InvalidEnvironmentError, allowedOrigins, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: '.data', NODE_ENV: 'development', RUN_MIGRATIONS: true });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x/y', REDIS_URL: 'nope', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const names = (error as InvalidEnvironmentError).problems.map((p) => p.split(':')[0]);
    expect(names.sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
  });

  it('honours the crash fault injection only in tests', () => {
    expect(parseEnv({ NODE_ENV: 'test', TEST_CRASH_AFTER_COMMIT: 'meeting.end' }).TEST_CRASH_AFTER_COMMIT).toBe('meeting.end');
    expect(() => parseEnv({ TEST_CRASH_AFTER_COMMIT: 'meeting.end' })).toThrow(/TEST_CRASH_AFTER_COMMIT: is a fault injection for tests/);
  });

  it('treats empty variables as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it('adds checks of the calling app to the same list', () => {
    expect(() => parseEnv({ PORT: 'x' }, () => ['REDIS_URL: is required'])).toThrow(/PORT/);
    expect(() => parseEnv({}, () => ['REDIS_URL: is required'])).toThrow(/REDIS_URL: is required/);
  });

  it('allows the local origins by default and the listed ones when set', () => {
    expect(allowedOrigins(parseEnv({ PORT: '4000' }))).toContain('http://localhost:4000');
    expect(allowedOrigins(parseEnv({ ALLOWED_ORIGINS: 'https://hop.gov.vn, https://b.gov.vn' }))).toEqual(['https://hop.gov.vn', 'https://b.gov.vn']);
  });
});
