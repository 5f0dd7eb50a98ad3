import type { LoggerOptions } from 'pino';

export type LogFormat = 'pretty' | 'json';

/**
 * 'auto' (the default): short, readable lines for a person at a terminal; JSON lines when stdout is
 * a file, a pipe, a container log or CI, where log collectors read them.
 */
export function resolveLogFormat(setting: 'auto' | LogFormat, stdout: { isTTY?: boolean } = process.stdout, ci: string | undefined = process.env.CI): LogFormat {
  if (setting !== 'auto') return setting;
  const inCi = ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
  return stdout.isTTY && !inCi ? 'pretty' : 'json';
}

/**
 * Nest's start-up wiring: one info line per module, route and socket message (about 150 on `npm start`),
 * which tells a person at a terminal nothing. Kept in JSON, where nobody reads it by eye.
 */
export const NEST_WIRING_CONTEXTS: ReadonlySet<string> = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController']);

const isWiring = (args: unknown[]) => {
  const first = args[0];
  return typeof first === 'object' && first !== null && 'context' in first && NEST_WIRING_CONTEXTS.has(String(first.context));
};

/** pino options for the format: nothing for JSON; pino-pretty in one line per entry, without the wiring, for a terminal. */
export function logFormatOptions(format: LogFormat): Pick<LoggerOptions, 'transport' | 'hooks'> {
  if (format === 'json') return {};
  return {
    transport: {
      target: 'pino-pretty',
      options: {
        colorize: true,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,context,req,res,responseTime,app',
        // a request as "GET /api/meetings 200 12ms", anything else as "[Context] message"
        messageFormat: '{if context}[{context}] {end}{if req.method}{req.method} {req.url} {res.statusCode} {responseTime}ms {end}{msg}',
      },
    },
    hooks: {
      logMethod(args, method, level) {
        if (level <= 30 && isWiring(args)) return; // info and below
        method.apply(this, args);
      },
    },
  };
}
