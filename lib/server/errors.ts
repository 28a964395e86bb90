// The error policy, in one place: the user gets a safe sentence, the log gets what happened
// (the error's class and message, never its stack, and no secret: TwentyThree errors and our
// own messages are written without credentials, tokens or signatures). Server actions and
// route handlers reach this through lib/server/action.ts and lib/server/route.ts.
import "server-only";
import { log } from "@/lib/log";
import { twentyThreeErrorOf } from "@/lib/twentythree";

export const GENERIC_FAILURE = "Something went wrong. Please try again; if it keeps happening, check the server log.";

/** Logs an unexpected failure of `where` (an action or route name) and returns what the user may read. */
export function reportFailure(where: string, err: unknown, context: Record<string, unknown> = {}): string {
  const tt = twentyThreeErrorOf(err);
  log.error(`${where} failed`, {
    ...context,
    error: err instanceof Error ? err.message : String(err),
    kind: tt?.code ?? (err instanceof Error ? err.name : typeof err),
  });
  return GENERIC_FAILURE;
}
