// A small node-postgres pool beside Prisma's (lib/db.ts), for the few hand-written statements on
// the hot paths (issue #20): the mint's limits statement and token INSERT, and the callback's
// claim. Through Prisma's driver adapter each raw statement cost about 0.7 ms more CPU than the
// same statement sent with pg itself (measured in-process: the limits upsert 1.10 vs 0.41 ms,
// `SELECT 1` 0.37 vs 0.15 ms), and a mint or callback is only a few milliseconds of CPU in all.
// Statements are still written with Prisma.sql (parameters bound, never spliced) and sent as
// their $n text. Everything else goes through Prisma. The bench's floor (lib/bench-floor.ts)
// sends its statement the same way, so it stays the least a request can cost. Not "server-only":
// lib/limits.ts uses it, and the e2e specs import the limits from there (as lib/db.ts, no marker).
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

const globalForPool = globalThis as unknown as { portalDirectPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForPool.portalDirectPool) {
    // A few connections: these statements are short; allowExitOnIdle lets scripts and tests end.
    const p = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4, connectionTimeoutMillis: 5_000, allowExitOnIdle: true });
    // An idle connection dropped by the server (restart, failover) must not crash the process.
    p.on("error", (err) => log.warn("database: idle connection lost", { error: err.message.slice(0, 200) }));
    globalForPool.portalDirectPool = p;
  }
  return globalForPool.portalDirectPool;
}

// Named (prepared) statements: PostgreSQL parses and plans each text once per connection instead
// of on every call. The hot statements are a handful of fixed texts (their values are bound), and
// planning the mint's limits CTE cost more than running it. The name is a digest of the text, so
// one name never stands for two texts; a bounded map keeps the digest off the hot path.
const names = new Map<string, string>();
function nameFor(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = "direct_" + createHash("sha1").update(text).digest("hex").slice(0, 20);
    if (names.size >= 200) names.clear(); // texts are fixed shapes; this only bounds a surprise
    names.set(text, name);
  }
  return name;
}

/** Run one statement built with Prisma.sql on the direct pool; its rows as pg parses them. */
export async function directQuery<T extends pg.QueryResultRow>(statement: Prisma.Sql): Promise<T[]> {
  return (await pool().query<T>({ name: nameFor(statement.text), text: statement.text, values: statement.values as unknown[] })).rows;
}
