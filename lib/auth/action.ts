// One wrapper for every admin server action: authorization first, then the handler, with the
// error policy in one place (a safe message to the user, details to the log).
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { currentActor, refusalFor, type Actor } from "@/lib/auth/guard";
import type { ActionState } from "@/lib/auth/action-state";
import { log } from "@/lib/log";

export type { ActionState } from "@/lib/auth/action-state";

export function guardedAction(
  need: "USER" | "ADMIN",
  name: string,
  handler: (actor: Actor, formData: FormData) => Promise<ActionState>,
) {
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const actor = await currentActor();
    const refusal = refusalFor(actor, need);
    if (refusal) {
      log.warn("action refused", { action: name, status: refusal.status, userId: actor?.id });
      return { ok: false, message: refusal.message };
    }
    try {
      return await handler(actor!, formData);
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() are control flow, not failures
      log.error("action failed", { action: name, userId: actor!.id, error: err instanceof Error ? err.message : String(err) });
      return { ok: false, message: "Something went wrong. Please try again; if it keeps happening, check the server log." };
    }
  };
}

export const adminAction = (name: string, handler: (actor: Actor, formData: FormData) => Promise<ActionState>) =>
  guardedAction("ADMIN", name, handler);
