import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, whileDatabaseAnswers } from './unavailable';

/** An error as the server sends it: message and SQLSTATE. */
function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['57P01 admin_shutdown', serverError('57P01', 'terminating connection due to administrator command')],
    [
      '57P02 crash_shutdown',
      serverError('57P02', 'terminating connection because of crash of another server process'),
    ],
    ['57P03 cannot_connect_now', serverError('57P03', 'the database system is starting up')],
    ['08006 connection_failure', serverError('08006', 'connection failure')],
    ['08P01 protocol_violation', serverError('08P01', 'protocol violation')],
    ['ECONNREFUSED', socketError('ECONNREFUSED')],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['ENOTFOUND, the host of a stopped container', socketError('ENOTFOUND')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['no pool connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a client broken by an earlier error',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks inside what TypeORM, pg-pool and Node wrap it in', () => {
    const shutdown = serverError('57P01', 'terminating connection due to administrator command');
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], shutdown))).toBe(true);
    const lost = new Error('Connection terminated unexpectedly');
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], lost))).toBe(true);
    expect(isDatabaseUnavailable(new Error('pool failed', { cause: socketError('ECONNREFUSED') }))).toBe(
      true,
    );
    // Node tries every address of "localhost" and reports them together.
    const everyAddress = new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], '');
    expect(isDatabaseUnavailable(everyAddress)).toBe(true);
  });

  it.each([
    ['23505 unique_violation', serverError('23505', 'duplicate key value violates unique constraint')],
    ['42601 syntax_error', serverError('42601', 'syntax error at or near "SELEC"')],
    [
      '57014 query_canceled (a statement timeout)',
      serverError('57014', 'canceling statement due to statement timeout'),
    ],
    ['40001 serialization_failure', serverError('40001', 'could not serialize access')],
    ['28P01 invalid_password', serverError('28P01', 'password authentication failed')],
    ['3D000 invalid_catalog_name', serverError('3D000', 'database "x" does not exist')],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error))).toBe(false);
  });

  it('leaves errors that are not the database alone', () => {
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(
      false,
    );
    // A Temporal gRPC failure carries a numeric code.
    expect(
      isDatabaseUnavailable(
        Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated unexpectedly')).toBe(false);
  });

  it('stops on a cause chain that loops', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});

describe('whileDatabaseAnswers', () => {
  const refused = socketError('ECONNREFUSED');
  /** A database whose probes answer as told, counting them. */
  const database = (answer: () => Promise<unknown>) => {
    const db = { probes: 0, query: async () => (db.probes++, answer()) };
    return db;
  };
  const after = <T>(ms: number, value: T) => new Promise<T>((r) => setTimeout(() => r(value), ms));

  it('gives the result of work that finishes, and stops asking', async () => {
    const db = database(async () => [{ '?column?': 1 }]);
    await expect(whileDatabaseAnswers(db, () => after(35, 'routed'), 10)).resolves.toBe('routed');
    const probes = db.probes;
    expect(probes).toBeGreaterThan(0);
    await after(30, null);
    expect(db.probes).toBe(probes);
  });

  it('throws the database error and calls the work off when the database stops answering', async () => {
    let up = true;
    const db = database(async () => {
      if (!up) throw refused;
      return [];
    });
    let signal: AbortSignal | undefined;
    const waiting = whileDatabaseAnswers(db, (s) => ((signal = s), new Promise<never>(() => undefined)), 10);
    await after(25, null);
    up = false;
    await expect(waiting).rejects.toBe(refused);
    expect(signal!.aborted).toBe(true);
  });

  it('keeps waiting through probe failures that are not an outage', async () => {
    const db = database(async () => {
      throw serverError('57014', 'canceling statement due to statement timeout');
    });
    // The work ends only after a second failed probe, however slowly the machine runs the timers.
    const afterTwoProbes = () =>
      new Promise<string>((resolve) => {
        const check = setInterval(() => db.probes > 1 && (clearInterval(check), resolve('routed')), 1);
      });
    await expect(whileDatabaseAnswers(db, afterTwoProbes, 10)).resolves.toBe('routed');
  });

  it("passes the work's own failure through", async () => {
    const db = database(async () => []);
    const refusal = new Error('the item is closed');
    await expect(whileDatabaseAnswers(db, async () => Promise.reject(refusal), 10)).rejects.toBe(refusal);
  });
});
