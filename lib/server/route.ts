// The one way a route handler (app/**/route.ts) is declared, with the same three parts as a
// server action (lib/server/action.ts): who may call it, the zod schema of what it reads from
// the request, and the function. Refusals answer 401/403, bad input 400, and an unexpected
// failure 500 with a safe sentence while the details go to the log (lib/server/errors.ts).
// next-auth's own handlers (app/api/auth/[...nextauth]) are the one route not declared here.
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { currentActor, refusalFor, type Actor } from "@/lib/auth/guard";
import { log } from "@/lib/log";
import type { CallerOf, Who } from "@/lib/server/action";
import { reportFailure } from "@/lib/server/errors";

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export type RouteSpec<W extends Who, S extends z.ZodType> = {
  name: string;
  who: W;
  schema: S;
  /** What the schema parses, from the request and the route's params. */
  read: (req: NextRequest, params: Record<string, string | string[]>) => unknown | Promise<unknown>;
  /** The answer to input that does not parse; default 400 with the first issue's message. */
  invalid?: (error: z.ZodError) => Response;
  /** The sentence a 500 carries; default the generic one. */
  failure?: string;
  run: (input: z.output<S>, caller: CallerOf<W>, req: NextRequest) => Promise<Response>;
};

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

export function route<W extends Who, S extends z.ZodType>(spec: RouteSpec<W, S>) {
  return async (req: NextRequest, ctx?: RouteContext): Promise<Response> => {
    let caller: Actor | null = null;
    if (spec.who !== "anyone") {
      caller = await currentActor();
      const refusal = refusalFor(caller, spec.who === "admin" ? "ADMIN" : "USER");
      if (refusal) {
        log.warn("route refused", { route: spec.name, status: refusal.status, userId: caller?.id });
        return json(refusal.status, { error: refusal.message });
      }
    }
    try {
      const parsed = spec.schema.safeParse(await spec.read(req, (await ctx?.params) ?? {}));
      if (!parsed.success) return spec.invalid ? spec.invalid(parsed.error) : json(400, { error: parsed.error.issues[0]?.message ?? "Bad request." });
      return await spec.run(parsed.data, caller as CallerOf<W>, req);
    } catch (err) {
      const safe = reportFailure(`route ${spec.name}`, err, { userId: caller?.id });
      return json(500, { error: spec.failure ?? safe });
    }
  };
}
