// Who is asking, inside a server action or server component: the client address the server
// wrapper stamped on the request (lib/http/client-ip.ts).
import "server-only";
import { headers } from "next/headers";
import { clientIp } from "@/lib/http/client-ip";
import { consume, describeWait, intakePostLimit, type Limit } from "@/lib/limits";

export async function requesterIp(): Promise<string> {
  return clientIp(await headers());
}

/**
 * The intake gate's per-address POST limit for a server action called by JavaScript: proxy.ts
 * leaves such calls (Next-Action header) to the action, which counts it with its own limits in one
 * statement (lib/limits.ts consumeBehind). A form posted without JavaScript carries no such header:
 * the proxy counted it, and this answers undefined.
 */
export async function actionGate(): Promise<Limit | undefined> {
  const h = await headers();
  return h.has("next-action") ? intakePostLimit(clientIp(h)) : undefined;
}

/** For an action that mints nothing (closed link, invalid details): count the gate on its own;
 * the refusal the proxy would have given, as the action's message, when it is spent. */
/** The seconds to wait when the gate refuses this press (the caller words it in the visitor's language). */
export async function gateRefusal(gate: Limit | undefined): Promise<number | undefined> {
  if (!gate) return undefined;
  const r = await consume([gate]);
  return r.ok ? undefined : r.retryAfterSeconds;
}

export const tooManyStarted = (retryAfterSeconds: number) =>
  `Too many uploads were started from here in a short time. Please try again in ${describeWait(retryAfterSeconds)}.`;
