import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { InvalidEnvironmentError, allowedOrigins, parseEnv, type Env } from '@app/config';
import { AppModule } from './app.module';
import { AppSocketIoAdapter } from './realtime/socket-io.adapter';
import { serveWebApp } from './web/static';
import { mountQueueDashboard } from './jobs/queue-dashboard';
import { buildOpenApiDocument } from './common/openapi';

export async function createApp(env: Env): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', env.TRUST_PROXY);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  app.use(cookieParser());
  app.enableCors({ origin: allowedOrigins(env), credentials: true });
  app.setGlobalPrefix('api');
  app.useWebSocketAdapter(new AppSocketIoAdapter(app, { allowedOrigins: allowedOrigins(env), redisUrl: env.REDIS_URL, redisPrefix: env.REDIS_PREFIX, maxMessageBytes: env.SOCKET_MAX_MESSAGE_BYTES }));
  // Generated from the route map (libs/contracts/src/routes.ts), not from decorators: one source for
  // validation, the typed client and the docs. Served at /api/docs/openapi.json and Nest's usual /api/docs-json.
  const document = buildOpenApiDocument();
  SwaggerModule.setup('api/docs', app, document as unknown as OpenAPIObject, { jsonDocumentUrl: 'api/docs/openapi.json' });
  (app.getHttpAdapter().getInstance() as import('express').Express).get('/api/docs-json', (_req, res) => void res.json(document));
  mountQueueDashboard(app);
  serveWebApp(app.getHttpAdapter().getInstance(), env.WEB_DIST);
  app.enableShutdownHooks();
  return app;
}

async function main() {
  let env: Env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  app.get(Logger).log(`api listening on http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT} (database: ${env.DATABASE_URL ? 'postgres' : `embedded PGlite in ${env.DATA_DIR}`}, jobs: ${env.REDIS_URL ? 'BullMQ' : 'in-process'})`);
}

if (require.main === module) {
  void main();
}
