// First-run setup: the very first account, and only while there is none. An advisory lock makes
// two simultaneous submissions produce one admin, not two.
import "server-only";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";

export async function needsSetup(): Promise<boolean> {
  return (await db().user.count()) === 0;
}

export async function createFirstAdmin(input: {
  name: string;
  email: string;
  password: string;
}): Promise<{ ok: true; userId: string } | { ok: false; reason: "already_set_up" }> {
  const passwordHash = await hashPassword(input.password);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('portal:first-run-setup'))`;
    if ((await tx.user.count()) > 0) return { ok: false as const, reason: "already_set_up" as const };
    const user = await tx.user.create({
      data: { name: input.name, email: input.email.toLowerCase(), role: "ADMIN", passwordHash },
    });
    return { ok: true as const, userId: user.id };
  });
}
