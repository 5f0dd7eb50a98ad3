import { Logger, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { defer, firstValueFrom, of, throwError } from 'rxjs';
import { DatabaseRetryInterceptor } from './database-retry.interceptor';

const httpContext = (method: string, headersSent = false) =>
  ({
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => ({ method, originalUrl: '/api/meetings' }), getResponse: () => ({ headersSent }) }),
  }) as unknown as ExecutionContext;

/** A handler that fails `failures` times with `err`, then answers 'ok'; counts its runs. */
const flaky = (failures: number, err: unknown) => {
  let runs = 0;
  const handler: CallHandler = { handle: () => defer(() => (++runs <= failures ? throwError(() => err) : of('ok'))) };
  return { handler, runs: () => runs };
};

const dropped = new Error('Connection terminated unexpectedly');
const restarting = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('DatabaseRetryInterceptor', () => {
  const interceptor = new DatabaseRetryInterceptor();
  beforeAll(() => Logger.overrideLogger(false));

  it('runs a read once more when its connection dropped', async () => {
    for (const err of [dropped, restarting]) {
      const h = flaky(1, err);
      await expect(firstValueFrom(interceptor.intercept(httpContext('GET'), h.handler))).resolves.toBe('ok');
      expect(h.runs()).toBe(2);
    }
  });

  it('retries only once: a database still down reaches the filter (503)', async () => {
    const h = flaky(5, dropped);
    await expect(firstValueFrom(interceptor.intercept(httpContext('GET'), h.handler))).rejects.toBe(dropped);
    expect(h.runs()).toBe(2);
  });

  it('never repeats a write, another error, or an answer already on its way', async () => {
    for (const [method, err, sent] of [
      ['POST', dropped, false],
      ['PATCH', restarting, false],
      ['GET', new Error('a bug'), false],
      ['GET', dropped, true],
    ] as const) {
      const h = flaky(1, err);
      await expect(firstValueFrom(interceptor.intercept(httpContext(method, sent), h.handler))).rejects.toBe(err);
      expect([method, h.runs()]).toEqual([method, 1]);
    }
  });
});
