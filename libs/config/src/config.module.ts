import { Global, Module, type DynamicModule } from '@nestjs/common';
import { parseEnv, type Env } from './env';

export const ENV = Symbol('ENV');

/** Provides the validated environment: the one given (tests, two apps in one process) or process.env parsed once. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env?: Env): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ENV, useFactory: (): Env => env ?? parseEnv() }],
      exports: [ENV],
    };
  }
}
