// Who is signed in, read from the database: auth.ts (next-auth's session callbacks) and the guard
// both need it, so it lives below both of them and neither imports the other for it.
import "server-only";
import { db } from "@/lib/db";

export type Actor = { id: string; email: string; name: string; role: "ADMIN" | "MEMBER" };

export async function loadActor(userId: string | undefined | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
