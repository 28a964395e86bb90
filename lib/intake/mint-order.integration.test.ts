// Issue #20: a mint may ask TwentyThree before counting, and then count its limits, check its
// cached link and store its token in one statement (lib/limits.ts consumeBehind with `insert`,
// lib/intake/mint.ts). What that must never cost: a token handed out past a limit, a token row
// without its counts, or a stream of unused tokens at TwentyThree for an address over its limit.
// Real PostgreSQL, the emulator over real HTTP; TwentyThree's calls are counted by the emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@/generated/prisma/client";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";

let portal: PortalWithEmulator;
let m: typeof import("@/lib/intake/mint");
let limits: typeof import("@/lib/limits");
let link: import("@/generated/prisma/client").IntakeLink;

beforeAll(async () => {
  portal = await startPortalWithEmulator({ appUrl: "http://localhost:3999", authSecret: "mint-order-test-secret-0123456789abcdef0" });
  m = await import("@/lib/intake/mint");
  limits = await import("@/lib/limits");
  link = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
});
afterAll(async () => {
  await portal?.close();
});

/** Tokens TwentyThree was asked for, as the emulator counted them. */
const askedOfTwentyThree = async () =>
  ((await (await fetch(`${portal.emu.url}/_emulator/requests`)).json()) as Record<string, number>)["/api/photo/get-upload-token"] ?? 0;
const storedFrom = (ip: string) => portal.db.uploadToken.count({ where: { requesterIp: ip } });
const press = (ip: string, n: number) =>
  m.mintToken({
    link,
    requesterIp: ip,
    details: { name: `Visitor ${n}`, email: `v${n}-${ip}@example.com`, title: undefined, description: undefined, consent: false },
  });

describe("a mint that asks TwentyThree first", () => {
  it("refuses an address another instance already spent, asking TwentyThree once and then never again in the window", async () => {
    const ip = "203.0.113.7";
    // Another instance's presses: the address's budget is spent in PostgreSQL, unknown here.
    for (let i = 0; i < limits.MINT_LIMITS.perIp.max; i++) await limits.consume([{ key: `mint:ip:${ip}`, ...limits.MINT_LIMITS.perIp }]);
    const asked = await askedOfTwentyThree();

    const first = await press(ip, 1);
    expect(first).toMatchObject({ ok: false, code: "tooMany", retryable: true });
    // The one press that taught this instance: TwentyThree minted a token nobody was given.
    expect(await askedOfTwentyThree()).toBe(asked + 1);
    expect(await storedFrom(ip)).toBe(0);

    for (let n = 2; n <= 6; n++) expect(await press(ip, n)).toMatchObject({ ok: false, code: "tooMany" });
    expect(await askedOfTwentyThree()).toBe(asked + 1);
    expect(await storedFrom(ip)).toBe(0);
  });

  it("hands out exactly the limit's worth of tokens to a burst from one address, with at most one unused at TwentyThree", async () => {
    const ip = "203.0.113.8";
    const max = limits.MINT_LIMITS.perIp.max;
    const asked = await askedOfTwentyThree();
    const results = await Promise.all(Array.from({ length: max + 10 }, (_, n) => press(ip, n)));
    const minted = results.filter((r) => r.ok).length;
    expect(minted).toBe(max);
    expect(results.filter((r) => !r.ok && r.code === "tooMany")).toHaveLength(10);
    expect(await storedFrom(ip)).toBe(max);
    const rate = await portal.db.rateLimit.findUniqueOrThrow({ where: { key: `mint:ip:${ip}` } });
    expect(rate.count).toBe(max + 10); // every press counted once, refused ones too
    expect(await askedOfTwentyThree()).toBeLessThanOrEqual(asked + max + 1);
  });

  it("stores the token with its counts or not at all", async () => {
    const gate = { key: "intake-post:ip:203.0.113.9", max: 1, windowMs: 60_000 };
    const row = (id: string) => ({
      into: Prisma.sql`upload_tokens (id, connection_id, link_id, upload_token, state_nonce, title, max_uploads, valid_until)`,
      values: Prisma.sql`${id}::uuid, ${link.connectionId}::uuid, ${link.id}::uuid, ${"ut-" + id}, ${"nonce"}, ${"t"}, 1, now() + interval '1 hour'`,
    });
    const ids = ["5b0a3f8e-0000-4000-8000-000000000001", "5b0a3f8e-0000-4000-8000-000000000002", "5b0a3f8e-0000-4000-8000-000000000003"];
    const mintLimit = [{ key: "mint:link:order-test", max: 10, windowMs: 60_000 }];
    expect(await limits.consumeBehind(gate, mintLimit, { insert: row(ids[0]!) })).toEqual({ ok: true });
    // The gate is spent: nothing behind it is counted and no row is written.
    expect(await limits.consumeBehind(gate, mintLimit, { insert: row(ids[1]!) })).toMatchObject({ ok: false, key: gate.key });
    // A guard that no longer holds: stale, nothing written.
    expect(await limits.consumeBehind(undefined, mintLimit, { insert: row(ids[2]!), guard: Prisma.sql`SELECT 1 WHERE false` })).toEqual({
      ok: false,
      stale: true,
    });
    expect(await portal.db.uploadToken.count({ where: { id: { in: ids } } })).toBe(1);
    expect((await portal.db.rateLimit.findUniqueOrThrow({ where: { key: "mint:link:order-test" } })).count).toBe(1);
  });
});
