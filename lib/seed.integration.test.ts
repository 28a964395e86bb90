// The demo admin (a password printed in the README) exists only while the portal is reachable
// from this machine alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";

let drop: () => Promise<void>;
let dbm: typeof import("@/lib/db");
let seed: typeof import("@/lib/seed");

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    APP_URL: "http://localhost:3997",
    AUTH_SECRET: "seed-test-secret-0123456789abcdef0123456",
    LOG_LEVEL: "error",
  });
  dbm = await import("@/lib/db");
  seed = await import("@/lib/seed");
});
afterAll(async () => {
  await dbm?.db().$disconnect();
  await drop?.();
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
