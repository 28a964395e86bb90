// Authorization where the data is touched: every admin page, server action and route handler calls
// one of these. The user is re-read from the database each time, so disabling a member or changing
// a role takes effect on their next request rather than when their 8-hour session ends.
import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { loadActor, type Actor } from "@/lib/auth/actor";

export { loadActor, type Actor } from "@/lib/auth/actor";

/** The signed-in, enabled user, or null; read once per request (React cache) however many
 * layouts, pages and guards ask. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  return loadActor(session?.user?.id);
});

const loginUrl = (from: string) => `/login?callbackUrl=${encodeURIComponent(from)}`;

/** Pages: anonymous visitors go to /login and come back to `from` afterwards. */
export async function requireUser(from = "/admin"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(loginUrl(from));
  return actor;
}

/** Pages: members are sent to the overview with a notice; anonymous visitors to /login. */
export async function requireAdmin(from = "/admin"): Promise<Actor> {
  const actor = await requireUser(from);
  if (actor.role !== "ADMIN") redirect("/admin?denied=1");
  return actor;
}

export type Refusal = { status: 401 | 403; message: string };

/** Route handlers and actions: a refusal to answer with, or null when `actor` may go on. */
export function refusalFor(actor: Actor | null, need: "USER" | "ADMIN"): Refusal | null {
  if (!actor) return { status: 401, message: "Your session has ended. Sign in again." };
  if (need === "ADMIN" && actor.role !== "ADMIN") return { status: 403, message: "Only admins can do that." };
  return null;
}
