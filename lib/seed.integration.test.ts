// The demo admin (a password printed in the README) exists only while the portal is reachable
// from this machine alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let dbm: typeof import("@/lib/db");
let seed: typeof import("@/lib/seed");

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3997", authSecret: "seed-test-secret-0123456789abcdef0123456", logLevel: "error", seed: false });
  dbm = await import("@/lib/db");
  seed = await import("@/lib/seed");
});
afterAll(async () => {
  await portal?.close();
});

describe("isLoopbackUrl", () => {
  it("knows loopback names and addresses from public ones", () => {
    for (const u of ["http://localhost:3000", "http://127.0.0.1:3000", "http://127.8.0.1", "http://[::1]:3000", "http://app.localhost"])
      expect(seed.isLoopbackUrl(u), u).toBe(true);
    for (const u of ["https://uploads.example.com", "http://10.0.0.5:3000", "http://192.168.1.2", "http://localhost.example.com", "not a url"])
      expect(seed.isLoopbackUrl(u), u).toBe(false);
  });
});

describe("seedDemo", () => {
  it("creates no demo admin for a public APP_URL, and one for a loopback APP_URL", async () => {
    const pub = await seed.seedDemo(dbm.db(), { appUrl: "https://uploads.example.com" });
    expect(pub).toMatchObject({ adminCreated: false, adminSkipped: true });
    expect(await dbm.db().user.count()).toBe(0);
    const local = await seed.seedDemo(dbm.db(), { appUrl: "http://localhost:3000" });
    expect(local).toMatchObject({ adminCreated: true, adminSkipped: false });
    expect(await dbm.db().user.findMany({ select: { email: true } })).toEqual([{ email: seed.DEMO_ADMIN.email }]);
  });
});
