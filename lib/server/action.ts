// The one way a server action is declared: who may call it, the zod schema of its input, and
// the function. The helper checks the caller first, parses the input, runs the function and
// applies the error policy (lib/server/errors.ts), so no action re-decides any of that.
//
// A small helper of ours rather than next-safe-action: our forms use React's useActionState
// with (previousState, FormData) and a plain state object ({ ok, message, fieldErrors,
// values }); next-safe-action brings its own client hooks and result envelope, so adopting it
// would rewrite every form for no behaviour we lack. This file is the whole mechanism.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/lib/auth/action-state";
import { currentActor, refusalFor, type Actor } from "@/lib/auth/guard";
import { log } from "@/lib/log";
import { reportFailure } from "@/lib/server/errors";

/** Who may call: anyone (public pages), any signed-in member, or admins only. */
export type Who = "anyone" | "member" | "admin";
export type CallerOf<W extends Who> = W extends "anyone" ? null : Actor;
/** The least every action's answer can carry: the refusal and failure answers use these two. */
type Answer = { ok?: boolean; message?: string };

export type ActionSpec<W extends Who, S extends z.ZodType, R extends Answer = ActionState, C = undefined> = {
  /** For the log. */
  name: string;
  who: W;
  schema: S;
  /** The answer when the input does not parse (forms show field errors, echo values…); async to word it in the visitor's language. */
  invalid: (error: z.ZodError, context: C) => NoInfer<R> | Promise<NoInfer<R>>;
  /** `context` is what the call came with besides the input (a form's FormData). */
  run: (input: z.output<S>, caller: CallerOf<W>, context: C) => Promise<NoInfer<R>>;
};

/** The checked call behind both shapes below: caller → input → function → error policy. */
export function defineAction<W extends Who, S extends z.ZodType, R extends Answer = ActionState, C = undefined>(spec: ActionSpec<W, S, R, C>) {
  return async (raw: unknown, context: C): Promise<R> => {
    let caller: Actor | null = null;
    if (spec.who !== "anyone") {
      caller = await currentActor();
      const refusal = refusalFor(caller, spec.who === "admin" ? "ADMIN" : "USER");
      if (refusal) {
        log.warn("action refused", { action: spec.name, status: refusal.status, userId: caller?.id });
        return { ok: false, message: refusal.message } as R;
      }
    }
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) return spec.invalid(parsed.error, context);
    try {
      return await spec.run(parsed.data, caller as CallerOf<W>, context);
    } catch (err) {
      unstable_rethrow(err); // redirect() and notFound() are control flow, not failures
      return { ok: false, message: reportFailure(`action ${spec.name}`, err, { userId: caller?.id }) } as R;
    }
  };
}

/**
 * A form's action for useActionState: `read` turns the FormData into the schema's input, then
 * as defineAction, with the FormData as the context (to echo what was typed).
 */
export function formAction<W extends Who, S extends z.ZodType, R extends Answer = ActionState>(
  spec: ActionSpec<W, S, R, FormData> & { read: (f: FormData) => unknown },
) {
  const call = defineAction<W, S, R, FormData>(spec);
  return async (_prev: R, formData: FormData): Promise<R> => call(spec.read(formData), formData);
}

/** The text of a form field ("" when absent or a file). */
export const field = (f: FormData, key: string): string => {
  const v = f.get(key);
  return typeof v === "string" ? v : "";
};
