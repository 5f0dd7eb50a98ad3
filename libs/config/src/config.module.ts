import { Global, Module } from '@nestjs/common';
import { parseEnv, type Env } from './env';

export const ENV = Symbol('ENV');

/** Provides the validated environment; parsing happens once when the module is built. */
@Global()
@Module({
  providers: [{ provide: ENV, useFactory: (): Env => parseEnv() }],
  exports: [ENV],
})
export class ConfigModule {}
