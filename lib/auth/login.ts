// Password sign-in with two brakes: a per-account lockout (failedLogins/lockedUntil) and a
// per-IP failure budget in rate_limits, so guessing across many accounts from one address is slowed too.
import type { PrismaClient, User } from "@/generated/prisma/client";
import { verifyPassword } from "@/lib/passwords";
import { hit, peek } from "@/lib/auth/rate-limit";

export const LOGIN_POLICY = {
  /** Failed attempts on one account before it is locked. */
  maxFailures: 5,
  lockMs: 15 * 60_000,
  /** Failed attempts from one IP address per window before every attempt from it is refused. */
  ipMaxFailures: 30,
  ipWindowMs: 15 * 60_000,
} as const;

export type LoginResult =
  | { ok: true; user: Pick<User, "id" | "email" | "name" | "role"> }
  | { ok: false; reason: "invalid" | "locked" | "rate_limited" };

export const ipKey = (ip: string) => `login:ip:${ip}`;

export async function authenticate(
  db: PrismaClient,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<LoginResult> {
  if ((await peek(db, ipKey(input.ip), LOGIN_POLICY.ipWindowMs, now)) >= LOGIN_POLICY.ipMaxFailures) {
    return { ok: false, reason: "rate_limited" };
  }
  const email = input.email.trim().toLowerCase();
  const user = await db.user.findUnique({ where: { email } });
  if (user?.lockedUntil && user.lockedUntil > now) return { ok: false, reason: "locked" };

  // Always run bcrypt, even for unknown emails, so response time does not reveal which exist.
  const matches = await verifyPassword(input.password, user?.passwordHash);
  if (user && matches && !user.disabled) {
    if (user.failedLogins > 0 || user.lockedUntil) {
      await db.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null } });
    }
    return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
  }

  await hit(db, ipKey(input.ip), LOGIN_POLICY.ipWindowMs, now);
  if (user && !user.disabled) {
    const failures = user.failedLogins + 1;
    const lock = failures >= LOGIN_POLICY.maxFailures;
    await db.user.update({
      where: { id: user.id },
      data: lock
        ? { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOGIN_POLICY.lockMs) }
        : { failedLogins: failures },
    });
    if (lock) return { ok: false, reason: "locked" };
  }
  return { ok: false, reason: "invalid" };
}
