import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/generated/prisma/client";
import { accountLockKey, authenticate, clearAccountLocks, ipKey, lockedAccountIds, LOGIN_POLICY } from "@/lib/auth/login";
import { hit, peek } from "@/lib/auth/rate-limit";
import { hashPassword } from "@/lib/passwords";
import { startPortal, type Portal } from "@/test/integration";

let portal: Portal;
let db: PrismaClient;
const PASSWORD = "correct-horse-battery";
let hash: string;

beforeAll(async () => {
  portal = await startPortal({ appUrl: "http://localhost:3990", authSecret: "login-test-secret-0123456789abcdef0123456", seed: false });
  db = portal.db;
  hash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await portal?.close();
});
beforeEach(async () => {
  await db.rateLimit.deleteMany();
  await db.user.deleteMany();
  await db.user.create({ data: { email: "ada@example.com", passwordHash: hash, role: "ADMIN" } });
});

const attempt = (password: string, ip = "10.0.0.1", now = new Date()) => authenticate({ email: "Ada@Example.com ", password, ip }, now);

describe("authenticate", () => {
  it("signs in with the right password (email case and spaces ignored) and resets the failure count", async () => {
    await attempt("wrong");
    const r = await attempt(PASSWORD);
    expect(r).toMatchObject({ ok: true, user: { email: "ada@example.com", role: "ADMIN" } });
    const user = await db.user.findFirstOrThrow();
    expect(await peek(accountLockKey(user.id, "10.0.0.1"), LOGIN_POLICY.lockMs)).toBe(0);
  });

  it("refuses unknown emails and disabled accounts like a wrong password", async () => {
    expect(await authenticate({ email: "nobody@example.com", password: PASSWORD, ip: "1.1.1.1" })).toEqual({ ok: false, reason: "invalid" });
    await db.user.updateMany({ data: { disabled: true } });
    expect(await attempt(PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks the account for the address that failed, even for the right password, until the lock ends", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 1; i < LOGIN_POLICY.maxFailures; i++) expect(await attempt("wrong", "10.0.0.1", t0)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("wrong", "10.0.0.1", t0)).toEqual({ ok: false, reason: "locked" });
    expect(await attempt(PASSWORD, "10.0.0.1", t0)).toEqual({ ok: false, reason: "locked" });
    expect([...(await lockedAccountIds(t0))]).toEqual([(await db.user.findFirstOrThrow()).id]);
    const later = new Date(t0.getTime() + LOGIN_POLICY.lockMs + 1000);
    expect(await attempt(PASSWORD, "10.0.0.1", later)).toMatchObject({ ok: true });
  });

  it("a stranger's wrong passwords from another address do not lock the owner out", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < LOGIN_POLICY.maxFailures * 2; i++) await attempt("wrong", "203.0.113.9", t0);
    expect(await attempt(PASSWORD, "203.0.113.9", t0)).toEqual({ ok: false, reason: "locked" });
    expect(await attempt(PASSWORD, "10.0.0.2", t0)).toMatchObject({ ok: true });
  });

  it("an admin's password reset lifts every address's lock", async () => {
    const t0 = new Date();
    for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) await attempt("wrong", "203.0.113.9", t0);
    const user = await db.user.findFirstOrThrow();
    await clearAccountLocks(user.id);
    expect(await attempt(PASSWORD, "203.0.113.9", t0)).toMatchObject({ ok: true });
  });

  it("refuses every attempt from an IP that spent its failure budget, across accounts", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < LOGIN_POLICY.ipMaxFailures; i++) await authenticate({ email: `u${i}@example.com`, password: "x", ip: "6.6.6.6" }, t0);
    expect(await attempt(PASSWORD, "6.6.6.6", t0)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await attempt(PASSWORD, "7.7.7.7", t0)).toMatchObject({ ok: true });
    const nextWindow = new Date(t0.getTime() + LOGIN_POLICY.ipWindowMs + 1);
    expect(await attempt(PASSWORD, "6.6.6.6", nextWindow)).toMatchObject({ ok: true });
  });
});

describe("rate_limits counters", () => {
  it("count within a window and restart after it", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    expect(await hit("k", 60_000, t0)).toBe(1);
    expect(await hit("k", 60_000, new Date(t0.getTime() + 59_000))).toBe(2);
    expect(await peek("k", 60_000, new Date(t0.getTime() + 59_000))).toBe(2);
    expect(await peek("k", 60_000, new Date(t0.getTime() + 60_000))).toBe(0);
    expect(await hit("k", 60_000, new Date(t0.getTime() + 61_000))).toBe(1);
  });
  it("hold under concurrency (one row, every hit counted)", async () => {
    const t0 = new Date();
    await Promise.all(Array.from({ length: 20 }, () => hit(ipKey("9.9.9.9"), 60_000, t0)));
    expect(await peek(ipKey("9.9.9.9"), 60_000, t0)).toBe(20);
  });
});
