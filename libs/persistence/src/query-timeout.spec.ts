import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { boundTransactionStatements, isQueryTimeout } from './query-timeout';

function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

describe('isQueryTimeout', () => {
  const timeout = serverError('57014', 'canceling statement due to statement timeout');

  it('recognises query_canceled as the server sends it, inside TypeORM, or as a cause', () => {
    expect(isQueryTimeout(timeout)).toBe(true);
    expect(isQueryTimeout(new QueryFailedError('SELECT 1', [], timeout))).toBe(true);
    expect(isQueryTimeout(new Error('report failed', { cause: timeout }))).toBe(true);
  });

  it('leaves other errors alone, an outage among them', () => {
    expect(isQueryTimeout(serverError('23505', 'duplicate key'))).toBe(false);
    expect(isQueryTimeout(serverError('57P01', 'terminating connection'))).toBe(false);
    expect(isQueryTimeout(new Error('57014'))).toBe(false);
    expect(isQueryTimeout(undefined)).toBe(false);
  });
});

describe('boundTransactionStatements', () => {
  it('sets the bound for the transaction only, in milliseconds', async () => {
    const query = jest.fn().mockResolvedValue([]);
    await boundTransactionStatements({ query }, 60_000);
    expect(query).toHaveBeenCalledWith(`SELECT set_config('statement_timeout', $1, true)`, ['60000ms']);
  });
});
