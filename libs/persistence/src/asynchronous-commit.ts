/**
 * A RETURNING item that lets the statement's own transaction commit without waiting for its WAL to reach
 * the disk: PostgreSQL's asynchronous commit, for that one transaction (`set_config` with `is_local`; the
 * setting in force when a transaction commits is the one that counts). It is evaluated only for a row
 * the statement writes, which is when there is a commit to wait for.
 *
 * The commit is visible to every other session at once, as any other; only its durability waits, for the
 * WAL writer (at most three times `wal_writer_delay`, 600 ms by default) or for the next synchronous
 * commit on the server, whichever comes first, since flushing the WAL to one commit flushes everything
 * written before it. A crash of the PostgreSQL server inside that window loses such transactions, never
 * more, and never corrupts anything. For each statement that uses it, the caller says why losing the row
 * so is harmless.
 *
 * Where the disk takes milliseconds to flush, that wait is most of what a one-row write costs. An action
 * writes its key's record and its kept answer this way, and a submission its key's record; only the
 * projection, the write the answer stands on, waits for the disk.
 */
export const ASYNCHRONOUS_COMMIT = `set_config('synchronous_commit', 'off', true) AS "asynchronousCommit"`;
