// The intake gate's limit and the mint's limits in one statement (consumeBehind, issue #20),
// against a real PostgreSQL: counted once each, nothing behind a spent gate, no deadlock.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let limits: typeof import("@/lib/limits");
let dbm: typeof import("@/lib/db");

beforeAll(async () => {
  portal = await startPortal({ authSecret: "limits-test-secret-0123456789abcdef0123", seed: false });
  dbm = await import("@/lib/db");
  limits = await import("@/lib/limits");
});
afterAll(async () => {
  await portal?.close();
});

const count = async (key: string) => Number((await dbm.db().rateLimit.findUnique({ where: { key } }))?.count ?? 0);
const WINDOW = 60_000;

describe("consumeBehind", () => {
  it("counts the gate and every limit behind it once per call", async () => {
    const gate = { key: "intake-post:ip:192.0.2.1", max: 5, windowMs: WINDOW };
    const mint = [
      { key: "mint:ip:192.0.2.1", max: 5, windowMs: WINDOW },
      { key: "mint:link:a", max: 100, windowMs: WINDOW },
    ];
    expect(await limits.consumeBehind(gate, mint)).toEqual({ ok: true });
    expect(await limits.consumeBehind(gate, mint)).toEqual({ ok: true });
    expect([await count(gate.key), await count("mint:ip:192.0.2.1"), await count("mint:link:a")]).toEqual([2, 2, 2]);
  });

  it("refuses past a limit behind the gate, naming it", async () => {
    const gate = { key: "intake-post:ip:192.0.2.2", max: 10, windowMs: WINDOW };
    const mint = [{ key: "mint:ip:192.0.2.2", max: 1, windowMs: WINDOW }];
    expect(await limits.consumeBehind(gate, mint)).toEqual({ ok: true });
    const refused = await limits.consumeBehind(gate, mint);
    expect(refused).toMatchObject({ ok: false, key: "mint:ip:192.0.2.2" });
    expect(!refused.ok && "retryAfterSeconds" in refused && refused.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("stops at a spent gate without wearing down the shared limits behind it", async () => {
    const gate = { key: "intake-post:ip:192.0.2.3", max: 2, windowMs: WINDOW };
    const shared = { key: "mint:link:shared", max: 1000, windowMs: WINDOW };
    for (let i = 0; i < 2; i++) expect(await limits.consumeBehind(gate, [shared])).toEqual({ ok: true });
    for (let i = 0; i < 5; i++) expect(await limits.consumeBehind(gate, [shared])).toMatchObject({ ok: false, key: gate.key });
    // The attacker's address paid; the link's budget (everyone's) only saw the two that got through.
    expect(await count(shared.key)).toBe(2);
    expect(await count(gate.key)).toBe(7);
  });

  it("counts nothing behind the gate when its guard finds no row, and says so", async () => {
    const gate = { key: "intake-post:ip:192.0.2.4", max: 10, windowMs: WINDOW };
    const mint = [{ key: "mint:link:guarded", max: 10, windowMs: WINDOW }];
    const { Prisma } = await import("@/generated/prisma/client");
    expect(await limits.consumeBehind(gate, mint, { guard: Prisma.sql`SELECT 1 WHERE 1 = 2` })).toEqual({ ok: false, stale: true });
    expect(await limits.consumeBehind(undefined, mint, { guard: Prisma.sql`SELECT 1 WHERE 1 = 2` })).toEqual({ ok: false, stale: true });
    expect([await count(gate.key), await count("mint:link:guarded")]).toEqual([1, 0]);
    expect(await limits.consumeBehind(undefined, mint, { guard: Prisma.sql`SELECT 1` })).toEqual({ ok: true });
    expect(await count("mint:link:guarded")).toBe(1);
  });

  it("counts exactly under concurrency with overlapping keys (no deadlock, no lost update)", async () => {
    const calls = Array.from({ length: 40 }, (_, i) =>
      limits.consumeBehind({ key: `intake-post:ip:198.51.100.${i % 4}`, max: 1000, windowMs: WINDOW }, [
        { key: "mint:link:busy", max: 1000, windowMs: WINDOW },
        { key: `mint:visitor:busy:${i % 3}`, max: 1000, windowMs: WINDOW },
      ]),
    );
    expect((await Promise.all(calls)).every((r) => r.ok)).toBe(true);
    expect(await count("mint:link:busy")).toBe(40);
    expect((await Promise.all([0, 1, 2].map((v) => count(`mint:visitor:busy:${v}`)))).reduce((a, b) => a + b)).toBe(40);
  });
});
