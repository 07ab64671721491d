import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { Environment } from '@ngk/config';
import { temporalConnectionOptionsFrom } from './connection-options';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

/** Closes the client connection when the application stops. */
@Injectable()
class TemporalConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}
  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}

/**
 * The Temporal client for the API, over TLS when the environment asks (the health check shares it). The
 * connection is lazy: the API starts (and /health reports it) even while the Temporal server is still
 * coming up.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        Connection.lazy(temporalConnectionOptionsFrom(config)),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, ConfigService],
      useFactory: (connection: Connection, config: ConfigService<Environment, true>) =>
        new Client({ connection, namespace: config.get('TEMPORAL_NAMESPACE', { infer: true }) }),
    },
    TemporalConnectionCloser,
  ],
  exports: [Client, TEMPORAL_CONNECTION],
})
export class TemporalModule {}
