// Rate limits and quotas kept in Postgres (rate_limits), so they hold across portal instances.
import { Prisma } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { directQuery } from "@/lib/db-direct";

export type Limit = { key: string; max: number; windowMs: number };
export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; key: string };

/** Add one to `key`'s fixed window (a new window starts once the old one is over), atomically. */
export async function bump(key: string, windowMs: number, now = new Date()): Promise<{ count: number; windowStart: Date }> {
  const cutoff = new Date(now.getTime() - windowMs);
  const rows = await db().$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${cutoff} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${cutoff} THEN ${now} ELSE rate_limits.window_start END
    RETURNING count, window_start`;
  return { count: Number(rows[0]?.count ?? 1), windowStart: rows[0]?.window_start ?? now };
}

/** Count one use against each limit; refuse when any is over its maximum. All limits are bumped in
 * one statement (issue #20: one round trip, not one per limit), in key order so that two requests
 * bumping overlapping keys lock the rows in the same order and cannot deadlock. */
export async function consume(limits: Limit[], now = new Date()): Promise<LimitResult> {
  if (limits.length === 0) return { ok: true };
  const sorted = [...new Map(limits.map((l) => [l.key, l])).values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = await db().$queryRaw<{ key: string; count: number; window_start: Date }[]>`
    WITH input AS (SELECT * FROM unnest(${sorted.map((l) => l.key)}::text[], ${sorted.map((l) => l.windowMs)}::bigint[]) AS i(key, window_ms))
    INSERT INTO rate_limits (key, window_start, count) SELECT key, ${now}, 1 FROM input ORDER BY key
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${now}::timestamptz - (SELECT window_ms FROM input WHERE input.key = rate_limits.key) * interval '1 millisecond' THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${now}::timestamptz - (SELECT window_ms FROM input WHERE input.key = rate_limits.key) * interval '1 millisecond' THEN ${now} ELSE rate_limits.window_start END
    RETURNING key, count, window_start`;
  return verdict(rows, limits, now);
}

/** The first limit (in the caller's order) whose counted row is over its maximum. */
function verdict(rows: { key: string; count: number; window_start: Date }[], limits: Limit[], now: Date): LimitResult {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  for (const l of limits) {
    const row = byKey.get(l.key);
    if (row && Number(row.count) > l.max) {
      const retryAfterMs = row.window_start.getTime() + l.windowMs - now.getTime();
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), key: l.key };
    }
  }
  return { ok: true };
}

/** consumeBehind's answer: a limit's verdict, or "stale" when its guard no longer held (nothing behind the gate was counted). */
export type GuardedResult = LimitResult | { ok: false; stale: true };

/** A row to write in the same statement, only when every limit passed and the guard held:
 * `INSERT INTO ${into} SELECT ${values}` (lib/intake/mint.ts: the token row, issue #20). */
export type InsertWhenPassed = { into: Prisma.Sql; values: Prisma.Sql };

/**
 * `gate` first, then `limits` only while the gate is within its maximum and `guard` (a SELECT)
 * finds a row, all in one statement (issue #20: the intake gate's per-address limit for a
 * JavaScript action call, the check that a cached link still holds, and the mint's limits in one
 * round trip). Nothing behind a spent gate is counted, as when the gate refused before the action
 * ran: an address over its POST budget cannot wear down a link's shared per-link budget. The
 * gate's key sorts before the mint keys ("intake-post:" < "mint:") and is locked first, so locks
 * are still taken in key order and concurrent calls cannot deadlock.
 * With `insert`, that row is written in the same statement when (and only when) everything passed:
 * the verdict and the row commit together. With `hint`, the counts are remembered (LimitHints).
 */
export async function consumeBehind(
  gate: Limit | undefined,
  limits: Limit[],
  opts: { now?: Date; guard?: Prisma.Sql; insert?: InsertWhenPassed; hint?: boolean } = {},
): Promise<GuardedResult> {
  const now = opts.now ?? new Date();
  const sorted = [...new Map(limits.filter((l) => l.key !== gate?.key).map((l) => [l.key, l])).values()].sort((a, b) =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const cutoff = new Date(now.getTime() - (gate?.windowMs ?? 0));
  const g = gate
    ? Prisma.sql`INSERT INTO rate_limits (key, window_start, count) VALUES (${gate.key}, ${now}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start <= ${cutoff} THEN 1 ELSE rate_limits.count + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= ${cutoff} THEN ${now} ELSE rate_limits.window_start END
      RETURNING key, count, window_start`
    : Prisma.sql`SELECT NULL::text AS key, 0 AS count, NULL::timestamptz AS window_start WHERE false`;
  // Sent on the direct pool (lib/db-direct.ts): this runs on every mint.
  // Without a row to write: synchronous_commit off for this statement's transaction only
  // (set_config(…, true)): its commit does not wait for the WAL to reach the disk. A crash of
  // PostgreSQL itself could forget the last fraction of a second of counts, which no limit needs;
  // visibility and row locks are unchanged, so concurrent calls on any instance still count
  // exactly. With a row to write (the token), the commit is durable as any other.
  const durable = opts.insert ? Prisma.sql`true` : Prisma.sql`set_config('synchronous_commit', 'off', true) IS NOT NULL`;
  const passed = opts.insert
    ? Prisma.sql`,
    w AS (INSERT INTO ${opts.insert.into} SELECT ${opts.insert.values}
      WHERE (SELECT v FROM ok) AND COALESCE((SELECT count FROM g), 0) <= ${gate?.max ?? 0}
        AND NOT EXISTS (SELECT 1 FROM m JOIN input USING (key) WHERE m.count > input.max)
      RETURNING true AS written)`
    : Prisma.empty;
  const rows = await directQuery<{ key: string | null; count: number; window_start: Date; guard: boolean | null }>(Prisma.sql`
    WITH ok AS (SELECT ${durable} AND ${opts.guard ? Prisma.sql`EXISTS (${opts.guard})` : Prisma.sql`true`} AS v),
    g AS (${g}),
    input AS (SELECT * FROM unnest(${sorted.map((l) => l.key)}::text[], ${sorted.map((l) => l.windowMs)}::bigint[], ${sorted.map((l) => l.max)}::bigint[]) AS i(key, window_ms, max)
      WHERE (SELECT v FROM ok) AND COALESCE((SELECT count FROM g), 0) <= ${gate?.max ?? 0}),
    m AS (
      INSERT INTO rate_limits (key, window_start, count) SELECT key, ${now}, 1 FROM input ORDER BY key
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits.window_start <= ${now}::timestamptz - (SELECT window_ms FROM input WHERE input.key = rate_limits.key) * interval '1 millisecond' THEN 1 ELSE rate_limits.count + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= ${now}::timestamptz - (SELECT window_ms FROM input WHERE input.key = rate_limits.key) * interval '1 millisecond' THEN ${now} ELSE rate_limits.window_start END
      RETURNING key, count, window_start)${passed}
    SELECT key, count, window_start, NULL::boolean AS guard FROM g UNION ALL SELECT key, count, window_start, NULL FROM m
    UNION ALL SELECT NULL, NULL, NULL, v FROM ok`);
  const counted = rows.filter((r): r is typeof r & { key: string } => r.key !== null);
  // Only the mint's keys are remembered (`hint`): the callback's repeat budgets would crowd them out.
  if (opts.hint) hints.learn(counted, gate ? [gate, ...sorted] : sorted);
  const verdicts = verdict(counted, gate ? [gate, ...limits] : limits, now);
  if (!verdicts.ok) return verdicts;
  return rows.find((r) => r.key === null)?.guard ? verdicts : { ok: false, stale: true };
}

/**
 * What this instance last heard PostgreSQL count for each limit key (issue #20). It decides
 * nothing: the limits are only ever judged in PostgreSQL, by consumeBehind. It tells the mint
 * whether it may ask TwentyThree for a token before counting, and then count and store the token
 * in one statement (lib/intake/mint.ts), or must count first as before. A key this instance saw
 * near or over its maximum, or one with a press already in flight here, is counted first, so an
 * address over its limit makes TwentyThree mint at most one unused token per instance per window
 * (the press that taught this instance), never a stream. Hand-written: a bounded map with expiry
 * is all it is, and no limiter library keeps its counts in PostgreSQL's statement.
 */
class LimitHints {
  private seen = new Map<string, { count: number; until: number }>();
  private inFlight = new Map<string, number>();
  private static readonly MAX_KEYS = 10_000;

  learn(rows: Array<{ key: string; count: number; window_start: Date }>, limits: Limit[]) {
    const windows = new Map(limits.map((l) => [l.key, l.windowMs]));
    for (const r of rows) {
      const windowMs = windows.get(r.key);
      if (windowMs === undefined) continue;
      this.seen.delete(r.key); // re-insert: the map's order is the order keys were last heard of
      if (this.seen.size >= LimitHints.MAX_KEYS) this.seen.delete(this.seen.keys().next().value!);
      this.seen.set(r.key, { count: Number(r.count), until: new Date(r.window_start).getTime() + windowMs });
    }
  }

  /** Whether every key has room for one more press as far as this instance knows; if so, the press
   * is held in flight until `release` (so a burst on one key takes the counting-first way). */
  claim(limits: Limit[], now = Date.now()): (() => void) | null {
    for (const l of limits) {
      const flying = this.inFlight.get(l.key) ?? 0;
      const seen = this.seen.get(l.key);
      if (seen && seen.until > now) {
        if (seen.count + flying + 1 > l.max) return null;
      } else if (flying > 0) return null;
    }
    for (const l of limits) this.inFlight.set(l.key, (this.inFlight.get(l.key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const l of limits) {
        const n = (this.inFlight.get(l.key) ?? 1) - 1;
        if (n > 0) this.inFlight.set(l.key, n);
        else this.inFlight.delete(l.key);
      }
    };
  }
}
export const hints = new LimitHints();

/** bump() on the direct pool, for the callback's fast path (lib/intake/callback.ts): the repeat is
 * counted on the same pool, in the same order, as the claims it follows. */
export async function bumpDirect(key: string, windowMs: number, now = new Date()): Promise<void> {
  await consumeBehind(undefined, [{ key, max: Number.MAX_SAFE_INTEGER, windowMs }], { now });
}

export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90 ? `${minutes} minutes` : `${Math.ceil(minutes / 60)} hours`;
}

/** Posts to an intake page (the details form, server actions) per address (lib/security/gate.ts). */
export const INTAKE_POST_LIMIT = { max: 60, windowMs: 10 * 60_000 };
/** That limit for one address: counted by the proxy, or for a JavaScript action call by the action (lib/intake/request.ts). */
export const intakePostLimit = (ip: string): Limit => ({ key: `intake-post:ip:${ip}`, ...INTAKE_POST_LIMIT });

/** Limits on minting upload tokens (documented in README). */
export const MINT_LIMITS = {
  perIp: { max: 30, windowMs: 10 * 60_000 },
  perLink: { max: 600, windowMs: 60 * 60_000 },
  perVisitor: { max: 20, windowMs: 24 * 60 * 60_000 },
};

/** Whether `key` has already reached `max` in its current window, without counting a use: for
 * limits that only count failures (a good request must not spend the budget). */
export async function overLimit(key: string, limit: { max: number; windowMs: number }, now = new Date()): Promise<LimitResult> {
  const row = await db().rateLimit.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() <= now.getTime() - limit.windowMs || row.count < limit.max) return { ok: true };
  const retryAfterMs = row.windowStart.getTime() + limit.windowMs - now.getTime();
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), key };
}

/** Callbacks that are not accepted (documented in README "Security → Callbacks"): per client for
 * ones without a valid signed state, per token for repeats and failures under a valid one (so a
 * flood from one client cannot use up TwentyThree's own servers' budget for background calls). */
export const CALLBACK_LIMITS = {
  perClient: { max: 20, windowMs: 10 * 60_000 },
  perToken: { max: 20, windowMs: 10 * 60_000 },
};

/** Sign-in throttling, applied by lib/auth/login.ts (README: Sign-in). */
export const LOGIN_POLICY = {
  /** Failed attempts on one account from one address before that pair is locked. */
  maxFailures: 5,
  lockMs: 15 * 60_000,
  /** Failed attempts from one address per window (any accounts) before every attempt from it is refused. */
  ipMaxFailures: 30,
  ipWindowMs: 15 * 60_000,
} as const;
