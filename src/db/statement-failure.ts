import { type Expression, sql } from 'kysely';

/** The SQLSTATE of `groupz_fail` (migration 2026-12-19T1200-fail-function, PostgreSQL). */
const FAILED_ON_PURPOSE = 'GZ001';

/**
 * A column that is true when `check` holds, and otherwise fails its statement with `reason`
 * (PostgreSQL only): for a statement whose transaction must not go on, or commit, when what it
 * checks does not hold, such as one sent with its COMMIT (pg-transaction-bounds.ts). Tell its
 * error by failedFor.
 */
export function trueOrFail(check: Expression<boolean>, reason: string) {
  return sql<true>`case when ${check} then true else groupz_fail(${sql.lit(reason)}) end`;
}

/** Whether `error` is a trueOrFail's for `reason`. */
export function failedFor(error: unknown, reason: string): boolean {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  return code === FAILED_ON_PURPOSE && message === reason;
}
