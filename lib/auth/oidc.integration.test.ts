import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { oidcAccount } from "@/lib/auth/oidc";
import { createDb } from "@/lib/db";
import { createTestDatabase } from "@/test/db";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: PrismaClient;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createDb(database.url);
  await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } });
  await db.user.create({ data: { email: "gone@example.com", disabled: true } });
});
afterAll(async () => {
  await db.$disconnect();
  await database.drop();
});

describe("oidcAccount", () => {
  it("refuses an admin's address the provider has not verified", async () => {
    expect(await oidcAccount(db, { email: "admin@example.com" })).toEqual({ ok: false, reason: "email_not_verified" });
    expect(await oidcAccount(db, { email: "admin@example.com", email_verified: false })).toEqual({ ok: false, reason: "email_not_verified" });
    expect(await oidcAccount(db, { email: "admin@example.com", email_verified: "false" })).toEqual({ ok: false, reason: "email_not_verified" });
  });
  it("maps a verified address onto the existing enabled account only", async () => {
    expect(await oidcAccount(db, { email: "Admin@Example.com", email_verified: true })).toMatchObject({ ok: true, user: { email: "admin@example.com" } });
    expect(await oidcAccount(db, { email: "admin@example.com", email_verified: "true" })).toMatchObject({ ok: true });
    expect(await oidcAccount(db, { email: "gone@example.com", email_verified: true })).toEqual({ ok: false, reason: "no_account" });
    expect(await oidcAccount(db, { email: "new@example.com", email_verified: true })).toEqual({ ok: false, reason: "no_account" });
  });
});
