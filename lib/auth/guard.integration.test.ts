// The guards against the real database and real sessions: each request carries a next-auth JWT
// session cookie (test/session.ts), so auth() decodes it and re-reads the user as in production.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { startPortal, type Portal } from "@/test/integration";
import { asRequestFrom } from "@/test/session";

const SECRET = "guard-test-secret-0123456789abcdef0123456";
let portal: Portal;
let client: PrismaClient;
let guard: typeof import("@/lib/auth/guard");
let admin: string;
let member: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3995", authSecret: SECRET, logLevel: "error", seed: false });
  client = portal.db;
  guard = await import("@/lib/auth/guard");
});
afterAll(async () => {
  await portal?.close();
});
beforeEach(async () => {
  await client.user.deleteMany();
  admin = (await client.user.create({ data: { email: "a@example.com", role: "ADMIN" } })).id;
  member = (await client.user.create({ data: { email: "m@example.com", role: "MEMBER" } })).id;
});

const as = <T>(userId: string | null, fn: () => Promise<T>) => asRequestFrom(userId, SECRET, fn);

/** next/navigation's redirect() throws an error whose digest carries the target. */
async function redirectOf(p: Promise<unknown>): Promise<string> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { digest?: string } | null;
  expect(err?.digest).toMatch(/^NEXT_REDIRECT/);
  return err!.digest!.split(";")[2]!;
}

describe("guards", () => {
  it("send anonymous visitors to /login with a way back", async () => {
    expect(await as(null, () => redirectOf(guard.requireUser("/admin/links?x=1")))).toBe("/login?callbackUrl=%2Fadmin%2Flinks%3Fx%3D1");
    expect(await as(null, () => redirectOf(guard.requireAdmin("/admin/members")))).toBe("/login?callbackUrl=%2Fadmin%2Fmembers");
  });

  it("let members in as users but not as admins", async () => {
    expect(await as(member, () => guard.requireUser())).toMatchObject({ id: member, role: "MEMBER" });
    expect(await as(member, () => redirectOf(guard.requireAdmin("/admin/links")))).toBe("/admin?denied=1");
  });

  it("let admins in", async () => {
    expect(await as(admin, () => guard.requireAdmin())).toMatchObject({ id: admin, role: "ADMIN", email: "a@example.com" });
  });

  it("refuse a session cookie signed with another secret", async () => {
    expect(await asRequestFrom(admin, "not-the-portal-secret-0123456789abcdef0123", () => guard.currentActor())).toBeNull();
  });

  it("re-read the user: a disabled, removed or demoted user loses access on the next request", async () => {
    await client.user.update({ where: { id: admin }, data: { role: "MEMBER" } });
    expect(await as(admin, () => redirectOf(guard.requireAdmin()))).toBe("/admin?denied=1");
    await client.user.update({ where: { id: admin }, data: { disabled: true } });
    expect(await as(admin, () => guard.currentActor())).toBeNull();
    await client.user.delete({ where: { id: admin } });
    expect(await guard.loadActor(admin)).toBeNull();
  });

  it("answer route handlers and actions with 401 / 403", () => {
    expect(guard.refusalFor(null, "USER")?.status).toBe(401);
    expect(guard.refusalFor({ id: "x", email: "", name: "", role: "MEMBER" }, "ADMIN")?.status).toBe(403);
    expect(guard.refusalFor({ id: "x", email: "", name: "", role: "MEMBER" }, "USER")).toBeNull();
    expect(guard.refusalFor({ id: "x", email: "", name: "", role: "ADMIN" }, "ADMIN")).toBeNull();
  });
});
