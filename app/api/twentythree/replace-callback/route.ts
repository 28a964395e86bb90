// TwentyThree's callback after a contributor replaced their video (redeem-replace-token, protocol
// §7): GET (redirect) and the auto-submitted POST. Proven inside lib/contributor/replace.ts
// (signed state, replace token, photo_id, domain); the schema only bounds the fields.
import type { NextRequest } from "next/server";
import { receiveReplaceCallback } from "@/lib/contributor/receive-replace";
import { htmlPage } from "@/lib/http/html-page";
import { callbackFieldsSchema } from "@/lib/intake/schema";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

function firstValues(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === "string" && !Object.hasOwn(out, k) && Object.keys(out).length < 60) out[k] = v.slice(0, 2000);
  return out;
}

const malformed = () => htmlPage(400, "Malformed callback", "The callback could not be read.");

export const GET = route({
  name: "replace-callback",
  who: "anyone",
  schema: callbackFieldsSchema,
  read: (req) => firstValues(req.nextUrl.searchParams.entries()),
  invalid: malformed,
  run: async (fields) => receiveReplaceCallback(fields),
});

async function posted(req: NextRequest): Promise<Record<string, string> | null> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return null;
  if (Number(req.headers.get("content-length") ?? 0) > 256 * 1024) return null;
  return firstValues((await req.formData().catch(() => new FormData())).entries());
}

export const POST = route({
  name: "replace-callback",
  who: "anyone",
  schema: callbackFieldsSchema,
  read: posted,
  invalid: malformed,
  run: async (fields) => receiveReplaceCallback(fields),
});
