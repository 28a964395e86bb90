// Password sign-in with two brakes, both counters in rate_limits:
// - a lockout per account AND client address: five wrong passwords for an account from one
//   address refuse that account from that address for 15 minutes. Keying on the address too means
//   a stranger guessing from elsewhere cannot lock the real owner out of their own account;
// - a failure budget per address across accounts, so guessing many accounts from one place is
//   slowed as well. Addresses come from lib/http/client-ip.ts (never a client-written header).
import "server-only";
import type { User } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/passwords";
import { hit, peek } from "@/lib/auth/rate-limit";
import { LOGIN_POLICY } from "@/lib/limits";

// The policy lives with the other limits (lib/limits.ts) so tests outside the server build can read it.
export { LOGIN_POLICY };

export type LoginResult = { ok: true; user: Pick<User, "id" | "email" | "name" | "role"> } | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

export const ipKey = (ip: string) => `login:ip:${ip}`;
/** Every lockout key of one account starts with this (members page, password reset). */
export const accountLockPrefix = (userId: string) => `login:account:${userId}:`;
export const accountLockKey = (userId: string, ip: string) => `${accountLockPrefix(userId)}${ip}`;

export async function authenticate(input: { email: string; password: string; ip: string }, now = new Date()): Promise<LoginResult> {
  if ((await peek(ipKey(input.ip), LOGIN_POLICY.ipWindowMs, now)) >= LOGIN_POLICY.ipMaxFailures) {
    return { ok: false, reason: "rate_limited" };
  }
  const email = input.email.trim().toLowerCase();
  const user = await db().user.findUnique({ where: { email } });
  const lockKey = user ? accountLockKey(user.id, input.ip) : undefined;
  if (lockKey && (await peek(lockKey, LOGIN_POLICY.lockMs, now)) >= LOGIN_POLICY.maxFailures) {
    return { ok: false, reason: "locked" };
  }

  // Always run bcrypt, even for unknown emails, so response time does not reveal which exist.
  const matches = await verifyPassword(input.password, user?.passwordHash);
  if (user && matches && !user.disabled) {
    if (lockKey) await db().rateLimit.deleteMany({ where: { key: lockKey } });
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  await hit(ipKey(input.ip), LOGIN_POLICY.ipWindowMs, now);
  if (lockKey && !user?.disabled) {
    const failures = await hit(lockKey, LOGIN_POLICY.lockMs, now);
    if (failures >= LOGIN_POLICY.maxFailures) return { ok: false, reason: "locked" };
  }
  return { ok: false, reason: "invalid" };
}

/** Account ids locked out from at least one address right now (for the members page). */
export async function lockedAccountIds(now = new Date()): Promise<Set<string>> {
  const rows = await db().rateLimit.findMany({
    where: {
      key: { startsWith: "login:account:" },
      count: { gte: LOGIN_POLICY.maxFailures },
      windowStart: { gt: new Date(now.getTime() - LOGIN_POLICY.lockMs) },
    },
    select: { key: true },
  });
  return new Set(rows.map((r) => r.key.split(":")[2]!));
}

/** Lift every address's lockout of one account (an admin reset its password or re-enabled it). */
export async function clearAccountLocks(userId: string): Promise<void> {
  await db().rateLimit.deleteMany({ where: { key: { startsWith: accountLockPrefix(userId) } } });
}
