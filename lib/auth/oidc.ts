// Which portal account an OpenID Connect sign-in is, if any. Identity-provider sign-in maps onto
// an existing, enabled account by e-mail; it never creates one. Because the mapping is by e-mail,
// the provider must vouch for the address (`email_verified`): at many providers anyone can put an
// admin's address on an account they own without proving it.
import "server-only";
import type { User } from "@/generated/prisma/client";
import { db } from "@/lib/db";

export type OidcMatch = { ok: true; user: User } | { ok: false; reason: "email_not_verified" | "no_account" };

export async function oidcAccount(profile: { email?: unknown; email_verified?: unknown } | undefined): Promise<OidcMatch> {
  // email_verified is a boolean in the spec; some providers send the string "true".
  const verified = profile?.email_verified === true || profile?.email_verified === "true";
  if (!verified) return { ok: false, reason: "email_not_verified" };
  const email = typeof profile?.email === "string" ? profile.email.trim().toLowerCase() : "";
  const user = email ? await db().user.findUnique({ where: { email } }) : null;
  if (!user || user.disabled) return { ok: false, reason: "no_account" };
  return { ok: true, user };
}
