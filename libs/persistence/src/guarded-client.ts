import { Client } from 'pg';
import { preparedName } from './prepared';

/**
 * A pooled connection that PostgreSQL ends (a restart, `pg_terminate_backend`) emits `error`. pg-pool
 * listens while the connection is idle and TypeORM while a query runner holds it, but neither in the
 * moment the pool hands a connection from one request to the next: an `error` then (when the server's
 * goodbye arrives in the same read as the last answer) has no listener, and Node ends the process. Each
 * connection of the apps' pools keeps a listener of its own for its whole life; the pool and TypeORM
 * still see the error and drop the connection as before.
 *
 * A text marked by `prepared` goes out as a named prepared statement: parsed and planned on the first
 * call on this connection, only bound and run after that.
 */
export class GuardedClient extends Client {
  constructor(config?: ConstructorParameters<typeof Client>[0]) {
    super(config);
    this.on('error', ignoreHere);
  }

  // pg's own signature, whose overloads a subclass cannot restate one by one.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === 'string' ? preparedName(config) : undefined;
    return name === undefined
      ? super.query(config, values, callback)
      : super.query({ name, text: config, values }, callback);
  }
}

/** The error is the pool's and TypeORM's to report; this listener only keeps it from being unhandled. */
function ignoreHere(): void {}
