import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { oidcAccount } from "@/lib/auth/oidc";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let db: PrismaClient;
beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3990", authSecret: "oidc-test-secret-0123456789abcdef01234567", seed: false });
  db = portal.db;
  await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } });
  await db.user.create({ data: { email: "gone@example.com", disabled: true } });
});
afterAll(async () => {
  await portal?.close();
});

describe("oidcAccount", () => {
  it("refuses an admin's address the provider has not verified", async () => {
    expect(await oidcAccount({ email: "admin@example.com" })).toEqual({ ok: false, reason: "email_not_verified" });
    expect(await oidcAccount({ email: "admin@example.com", email_verified: false })).toEqual({ ok: false, reason: "email_not_verified" });
    expect(await oidcAccount({ email: "admin@example.com", email_verified: "false" })).toEqual({ ok: false, reason: "email_not_verified" });
  });
  it("maps a verified address onto the existing enabled account only", async () => {
    expect(await oidcAccount({ email: "Admin@Example.com", email_verified: true })).toMatchObject({ ok: true, user: { email: "admin@example.com" } });
    expect(await oidcAccount({ email: "admin@example.com", email_verified: "true" })).toMatchObject({ ok: true });
    expect(await oidcAccount({ email: "gone@example.com", email_verified: true })).toEqual({ ok: false, reason: "no_account" });
    expect(await oidcAccount({ email: "new@example.com", email_verified: true })).toEqual({ ok: false, reason: "no_account" });
  });
});
