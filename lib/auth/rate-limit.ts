// Fixed-window counters in Postgres (rate_limits), so every portal instance sees the same count.
import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { bump } from "@/lib/limits";

type Db = Pick<PrismaClient, "$queryRaw" | "rateLimit">;

/** Add one to `key`'s window (a new window starts once the old one is over); returns the new count. */
export async function hit(db: Db, key: string, windowMs: number, now = new Date()): Promise<number> {
  return (await bump(db, key, windowMs, now)).count;
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
