import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Counter } from './sign-in-limits';

type Kind = 'address' | 'account';

const COUNTER_FIELDS = `failures, window_started_at AS "windowStartedAt", locked_until AS "lockedUntil",
  expires_at AS "expiresAt"`;

/** All SQL on sign_in_limits. */
@Injectable()
export class SignInLimitsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` holding the address's and the username's locks (always in that order, so two attempts
   * never wait on each other crosswise), with their counters and the database's clock. Expired rows are
   * pruned first.
   */
  transaction<T>(
    address: string,
    account: string,
    work: (
      counters: { address?: Counter; account?: Counter; now: Date },
      save: (kind: Kind, subject: string, counter: Counter) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      for (const [kind, subject] of [
        ['address', address],
        ['account', account],
      ]) {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `sign-in:${kind}:${subject}`,
        ]);
      }
      await tx.query(`DELETE FROM sign_in_limits WHERE expires_at < now()`);
      const [{ now }] = await tx.query(`SELECT now() AS now`);
      return work(
        {
          address: await counter(tx, 'address', address),
          account: await counter(tx, 'account', account),
          now,
        },
        (kind, subject, value) => save(tx, kind, subject, value),
      );
    });
  }

  /** A successful sign-in: the username starts over, and the address gets back the failure it was charged. */
  async succeeded(address: string, addressWindow: Date, account: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_limits WHERE kind = 'account' AND subject = $1`, [
      account,
    ]);
    await this.dataSource.query(
      `UPDATE sign_in_limits SET failures = greatest(failures - 1, 0)
        WHERE kind = 'address' AND subject = $1 AND window_started_at = $2`,
      [address, addressWindow],
    );
  }
}

async function counter(tx: EntityManager, kind: Kind, subject: string): Promise<Counter | undefined> {
  const [row] = await tx.query(
    `SELECT ${COUNTER_FIELDS} FROM sign_in_limits WHERE kind = $1 AND subject = $2`,
    [kind, subject],
  );
  return row;
}

async function save(tx: EntityManager, kind: Kind, subject: string, value: Counter): Promise<void> {
  await tx.query(
    `INSERT INTO sign_in_limits (kind, subject, failures, window_started_at, locked_until, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (kind, subject) DO UPDATE SET failures = $3, window_started_at = $4, locked_until = $5,
       expires_at = $6`,
    [kind, subject, value.failures, value.windowStartedAt, value.lockedUntil, value.expiresAt],
  );
}
