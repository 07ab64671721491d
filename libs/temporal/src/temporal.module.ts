import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, Connection } from '@temporalio/client';
import type { Environment } from '@ngk/config';

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
 * The Temporal client for the API. The connection is lazy: the API starts (and /health reports it)
 * even while the Temporal server is still coming up.
 */
@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) =>
        Connection.lazy({ address: config.get('TEMPORAL_ADDRESS', { infer: true }) }),
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
