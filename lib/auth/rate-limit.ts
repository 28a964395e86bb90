// Fixed-window counters in Postgres (rate_limits), so every portal instance sees the same count.
import type { PrismaClient } from "@/generated/prisma/client";

type Db = Pick<PrismaClient, "$queryRaw" | "rateLimit">;

/** Add one to `key`'s window (a new window starts once the old one is over); returns the new count. */
export async function hit(db: Db, key: string, windowMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - windowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${now}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= ${cutoff} THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= ${cutoff} THEN ${now} ELSE rate_limits.window_start END
    RETURNING count`;
  return Number(rows[0]?.count ?? 1);
}

/** The count in `key`'s current window (0 when the window is over or never started). */
export async function peek(db: Db, key: string, windowMs: number, now = new Date()): Promise<number> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() <= now.getTime() - windowMs) return 0;
  return row.count;
}

export async function clear(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
