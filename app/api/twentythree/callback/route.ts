// TwentyThree's callback: GET (301 redirect or background call) and POST (the auto-submitting
// form used when the callback data is long). Verify → parse → record → answer (lib/intake/receive.ts).
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { htmlPage } from "@/lib/http/html-page";
import { callbackFieldsSchema, callbackRefusalSchema } from "@/lib/intake/schema";
import { receiveCallback } from "@/lib/intake/receive";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

function firstValues(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === "string" && !Object.hasOwn(out, k)) out[k] = v;
  return out;
}

// Anyone: TwentyThree calls without a session. The callback proves itself (signature, token
// ownership) inside receiveCallback; the schema only bounds the fields.
export const GET = route({
  name: "callback",
  who: "anyone",
  schema: callbackFieldsSchema,
  read: (req) => firstValues(req.nextUrl.searchParams.entries()),
  invalid: () => htmlPage(400, "Malformed callback", "The callback could not be read."),
  run: async (fields, _caller, req) => receiveCallback("GET", fields, clientIp(req.headers)),
});

/** The form-encoded POST, read only when its type and length are plausible. */
async function postedFields(req: NextRequest): Promise<Record<string, string> | Response> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return htmlPage(415, "Unsupported callback", "Callbacks are accepted as GET or as a form-encoded POST.");
  }
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > 256 * 1024) return htmlPage(413, "Callback too large", "Callbacks are small; this one is not.");
  try {
    return firstValues((await req.formData()).entries());
  } catch {
    return htmlPage(400, "Malformed callback", "The callback body could not be read.");
  }
}

export const POST = route({
  name: "callback",
  who: "anyone",
  schema: callbackFieldsSchema.or(callbackRefusalSchema),
  read: postedFields,
  invalid: () => htmlPage(400, "Malformed callback", "The callback could not be read."),
  run: async (fields, _caller, req) => (fields instanceof Response ? fields : receiveCallback("POST", fields, clientIp(req.headers))),
});
