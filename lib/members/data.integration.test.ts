import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { addMember, removeMember, resetPassword, setDisabled, setRole } from "@/lib/members/data";
import { verifyPassword } from "@/lib/passwords";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let db: PrismaClient;
let me: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3990", authSecret: "members-test-secret-0123456789abcdef012345", seed: false });
  db = portal.db;
});
afterAll(async () => {
  await portal?.close();
});
beforeEach(async () => {
  await db.user.deleteMany();
  me = (await db.user.create({ data: { email: "me@example.com", role: "ADMIN" } })).id;
});

describe("members", () => {
  it("adds a member once per email", async () => {
    expect(await addMember({ email: "m@example.com", name: "M", role: "MEMBER", password: "long-enough-password" })).toEqual({ ok: true });
    expect(await addMember({ email: "m@example.com", name: "M", role: "MEMBER", password: "long-enough-password" })).toMatchObject({
      ok: false,
      field: "email",
    });
  });

  it("never lets admins lock themselves out or remove the last enabled admin", async () => {
    expect((await setDisabled(me, me, true)).ok).toBe(false);
    expect((await removeMember(me, me)).ok).toBe(false);
    expect((await setRole(me, me, "MEMBER")).ok).toBe(false);
    const other = (await db.user.create({ data: { email: "o@example.com", role: "ADMIN" } })).id;
    await db.user.update({ where: { id: me }, data: { disabled: true } }); // only `other` is an enabled admin now
    expect(await removeMember(me, other)).toMatchObject({ ok: false, message: expect.stringContaining("last enabled admin") });
    expect(await setDisabled(me, other, true)).toMatchObject({ ok: false });
    await db.user.update({ where: { id: me }, data: { disabled: false } });
    expect(await setDisabled(me, other, true)).toEqual({ ok: true });
    expect(await removeMember(me, other)).toEqual({ ok: true });
  });

  it("resets a password and clears a lockout", async () => {
    const id = (await db.user.create({ data: { email: "l@example.com", failedLogins: 3, lockedUntil: new Date(Date.now() + 60_000) } })).id;
    expect(await resetPassword(id, "a-brand-new-password")).toEqual({ ok: true });
    const u = await db.user.findUniqueOrThrow({ where: { id } });
    expect(u).toMatchObject({ failedLogins: 0, lockedUntil: null });
    expect(await verifyPassword("a-brand-new-password", u.passwordHash)).toBe(true);
  });
});
