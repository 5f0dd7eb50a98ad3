import pino from 'pino';
import { Writable } from 'node:stream';
import { logFormatOptions, resolveLogFormat } from './logging';

describe('log format', () => {
  it('is pretty on a terminal outside CI, JSON on a pipe, a file or in CI, as set when set', () => {
    // '' is CI unset (passing undefined would fall back to this run's own process.env.CI, which CI sets)
    expect(resolveLogFormat('auto', { isTTY: true }, '')).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: true }, 'false')).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: true }, 'true')).toBe('json');
    expect(resolveLogFormat('auto', { isTTY: false }, '')).toBe('json');
    expect(resolveLogFormat('auto', {}, '')).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true }, '')).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false }, 'true')).toBe('pretty');
  });

  it('JSON keeps every line; pretty goes through pino-pretty and drops only Nest’s start-up wiring at info', () => {
    expect(logFormatOptions('json')).toEqual({});
    const pretty = logFormatOptions('pretty');
    expect(pretty.transport).toMatchObject({ target: 'pino-pretty' });
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const log = pino({ hooks: pretty.hooks }, sink); // the hooks alone, on a plain JSON stream, to read what passes
    log.info({ context: 'InstanceLoader' }, 'ConfigModule dependencies initialized');
    log.info({ context: 'RouterExplorer' }, 'Mapped {/api/meetings, GET} route');
    log.warn({ context: 'RouterExplorer' }, 'a warning still shows');
    log.info({ context: 'Bootstrap' }, 'api listening on http://localhost:3000');
    log.info('no context at all');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['a warning still shows', 'api listening on http://localhost:3000', 'no context at all']);
  });
});
