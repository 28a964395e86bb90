import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { createDb } from "@/lib/db";
import { addMember, removeMember, resetPassword, setDisabled, setRole } from "@/lib/members/data";
import { verifyPassword } from "@/lib/passwords";
import { createTestDatabase } from "@/test/db";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
let me: string;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});
beforeEach(async () => {
  await db.user.deleteMany();
  me = (await db.user.create({ data: { email: "me@example.com", role: "ADMIN" } })).id;
});

describe("members", () => {
  it("adds a member once per email", async () => {
    expect(await addMember(db, { email: "m@example.com", name: "M", role: "MEMBER", password: "long-enough-password" })).toEqual({ ok: true });
    expect(await addMember(db, { email: "m@example.com", name: "M", role: "MEMBER", password: "long-enough-password" })).toMatchObject({
      ok: false,
      field: "email",
    });
  });

  it("never lets admins lock themselves out or remove the last enabled admin", async () => {
    expect((await setDisabled(db, me, me, true)).ok).toBe(false);
    expect((await removeMember(db, me, me)).ok).toBe(false);
    expect((await setRole(db, me, me, "MEMBER")).ok).toBe(false);
    const other = (await db.user.create({ data: { email: "o@example.com", role: "ADMIN" } })).id;
    await db.user.update({ where: { id: me }, data: { disabled: true } }); // only `other` is an enabled admin now
    expect(await removeMember(db, me, other)).toMatchObject({ ok: false, message: expect.stringContaining("last enabled admin") });
    expect(await setDisabled(db, me, other, true)).toMatchObject({ ok: false });
    await db.user.update({ where: { id: me }, data: { disabled: false } });
    expect(await setDisabled(db, me, other, true)).toEqual({ ok: true });
    expect(await removeMember(db, me, other)).toEqual({ ok: true });
  });

  it("resets a password and clears a lockout", async () => {
    const id = (await db.user.create({ data: { email: "l@example.com", failedLogins: 3, lockedUntil: new Date(Date.now() + 60_000) } })).id;
    expect(await resetPassword(db, id, "a-brand-new-password")).toEqual({ ok: true });
    const u = await db.user.findUniqueOrThrow({ where: { id } });
    expect(u).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(await verifyPassword("a-brand-new-password", u.passwordHash)).toBe(true);
  });
});
