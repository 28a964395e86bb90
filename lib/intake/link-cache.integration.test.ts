// A link cached for the intake actions (link-cache.ts) is re-checked inside the mint's limits
// statement, the one that also stores the token: a change made behind this instance's back
// (another instance, or straight in the database, which does not even touch updated_at) refuses
// the cached copy; no token is stored or handed out and nothing behind the gate is counted.
// Real Postgres, real emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let m: typeof import("@/lib/intake/mint");
let cache: typeof import("@/lib/intake/link-cache");

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3999", authSecret: "link-cache-test-secret-0123456789abcdef01" });
  m = await import("@/lib/intake/mint");
  cache = await import("@/lib/intake/link-cache");
});
afterAll(async () => {
  await portal?.close();
});

const details = { name: "Ada", email: "ada@example.com", title: "My story", description: undefined, consent: true };
const tokens = () => portal.db.uploadToken.count();
const linkBudget = async (id: string) => Number((await portal.db.rateLimit.findUnique({ where: { key: `mint:link:${id}` } }))?.count ?? 0);

/** The demo link through the cache: looked up once, then served from memory with its guard. */
async function cachedDemo() {
  expect((await cache.freshLink("demo")).kind).toBe("open");
  const { lookup, guard } = await cache.linkForAction("demo");
  if (lookup.kind !== "open" || !guard) throw new Error("expected the cached open link");
  return { link: lookup.link, guard };
}

describe("the intake actions' link cache", () => {
  it("mints from a cached link that still holds, counting its limits once", async () => {
    const { link, guard } = await cachedDemo();
    const before = [await tokens(), await linkBudget(link.id)];
    const minted = await m.mintToken({ link, details, guard });
    expect(minted.ok).toBe(true);
    expect([await tokens(), await linkBudget(link.id)]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  for (const [what, change, undo] of [
    ["closed", "UPDATE intake_links SET active = false WHERE slug = 'demo'", "UPDATE intake_links SET active = true WHERE slug = 'demo'"],
    [
      "made members-only",
      "UPDATE intake_links SET members_only = true WHERE slug = 'demo'",
      "UPDATE intake_links SET members_only = false WHERE slug = 'demo'",
    ],
    ["given a full quota", "UPDATE intake_links SET upload_quota = 0 WHERE slug = 'demo'", "UPDATE intake_links SET upload_quota = NULL WHERE slug = 'demo'"],
    ["whose connection moved to another address", "UPDATE connections SET api_url = api_url || '/'", "UPDATE connections SET api_url = rtrim(api_url, '/')"],
  ] as const) {
    it(`refuses the cached copy of a link ${what} behind its back, storing no token and counting nothing`, async () => {
      const { link, guard } = await cachedDemo();
      await portal.db.$executeRawUnsafe(change);
      try {
        const before = [await tokens(), await linkBudget(link.id)];
        const minted = await m.mintToken({ link, details, guard });
        expect(minted).toMatchObject({ ok: false, stale: true });
        expect([await tokens(), await linkBudget(link.id)]).toEqual(before);
      } finally {
        await portal.db.$executeRawUnsafe(undo);
      }
    });
  }

  it("looks a changed link up afresh: the visitor sees it as it is now", async () => {
    await cachedDemo();
    await portal.db.$executeRawUnsafe("UPDATE intake_links SET active = false WHERE slug = 'demo'");
    try {
      expect((await cache.freshLink("demo")).kind).toBe("inactive");
      // Closed links are not kept: the next action looks it up again.
      expect((await cache.linkForAction("demo")).guard).toBeUndefined();
    } finally {
      await portal.db.$executeRawUnsafe("UPDATE intake_links SET active = true WHERE slug = 'demo'");
    }
  });
});
