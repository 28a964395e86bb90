import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createDb } from "@/lib/db";
import { createTestDatabase } from "@/test/db";

// The session as next-auth would return it; each test sets who is asking.
const session = vi.hoisted(() => ({ current: null as null | { user: { id: string } } }));
vi.mock("@/auth", () => ({ auth: async () => session.current }));
const testDb = vi.hoisted(() => ({ client: undefined as unknown as PrismaClient }));
vi.mock("@/lib/db", async (orig) => ({ ...(await orig<typeof import("@/lib/db")>()), db: () => testDb.client }));

const { currentActor, loadActor, refusalFor, requireAdmin, requireUser } = await import("@/lib/auth/guard");

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: string;
let member: string;

beforeAll(async () => {
  database = await createTestDatabase();
  testDb.client = createDb(database.url);
});
afterAll(async () => {
  await testDb.client.$disconnect();
  await database.drop();
});
beforeEach(async () => {
  await testDb.client.user.deleteMany();
  admin = (await testDb.client.user.create({ data: { email: "a@example.com", role: "ADMIN" } })).id;
  member = (await testDb.client.user.create({ data: { email: "m@example.com", role: "MEMBER" } })).id;
  session.current = null;
});

/** next/navigation's redirect() throws an error whose digest carries the target. */
async function redirectOf(p: Promise<unknown>): Promise<string> {
  const err = (await p.then(() => null, (e: unknown) => e)) as { digest?: string } | null;
  expect(err?.digest).toMatch(/^NEXT_REDIRECT/);
  return err!.digest!.split(";")[2]!;
}

describe("guards", () => {
  it("send anonymous visitors to /login with a way back", async () => {
    expect(await redirectOf(requireUser("/admin/links?x=1"))).toBe("/login?callbackUrl=%2Fadmin%2Flinks%3Fx%3D1");
    expect(await redirectOf(requireAdmin("/admin/members"))).toBe("/login?callbackUrl=%2Fadmin%2Fmembers");
  });

  it("let members in as users but not as admins", async () => {
    session.current = { user: { id: member } };
    expect(await requireUser()).toMatchObject({ id: member, role: "MEMBER" });
    expect(await redirectOf(requireAdmin("/admin/links"))).toBe("/admin?denied=1");
  });

  it("let admins in", async () => {
    session.current = { user: { id: admin } };
    expect(await requireAdmin()).toMatchObject({ id: admin, role: "ADMIN", email: "a@example.com" });
  });

  it("re-read the user: a disabled, removed or demoted user loses access on the next request", async () => {
    session.current = { user: { id: admin } };
    await testDb.client.user.update({ where: { id: admin }, data: { role: "MEMBER" } });
    expect(await redirectOf(requireAdmin())).toBe("/admin?denied=1");
    await testDb.client.user.update({ where: { id: admin }, data: { disabled: true } });
    expect(await currentActor()).toBeNull();
    await testDb.client.user.delete({ where: { id: admin } });
    expect(await loadActor(testDb.client, admin)).toBeNull();
  });

  it("answer route handlers and actions with 401 / 403", () => {
    expect(refusalFor(null, "USER")?.status).toBe(401);
    expect(refusalFor({ id: "x", email: "", name: "", role: "MEMBER" }, "ADMIN")?.status).toBe(403);
    expect(refusalFor({ id: "x", email: "", name: "", role: "MEMBER" }, "USER")).toBeNull();
    expect(refusalFor({ id: "x", email: "", name: "", role: "ADMIN" }, "ADMIN")).toBeNull();
  });
});
