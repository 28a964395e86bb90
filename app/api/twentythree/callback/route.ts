// TwentyThree's callback: GET (301 redirect or background call) and POST (the auto-submitting
// form used when the callback data is long). Verify → parse → record → answer.
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { handleCallback } from "@/lib/intake/callback";
import { verifyUpload } from "@/lib/intake/verify";
import { log } from "@/lib/log";
import { htmlPage } from "@/lib/http/html-page";

export const dynamic = "force-dynamic";

function clientIp(req: NextRequest): string | undefined {
  return (req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || req.headers.get("x-real-ip") || undefined)?.slice(0, 64);
}

function firstValues(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}

async function respond(req: NextRequest, method: string, params: Record<string, string>): Promise<Response> {
  const outcome = await handleCallback({ method, params, ip: clientIp(req) });
  if (outcome.kind === "rejected") {
    return htmlPage(400, "We could not match this upload", "This address only accepts results of uploads started from this portal, and this one does not match any of them. If you were uploading a video, go back to the link you were given and start again.");
  }
  if (outcome.kind === "accepted") {
    // Confirm with TwentyThree right away when it answers quickly; the background job retries otherwise.
    await verifyUpload(outcome.uploadId, { timeoutMs: 3000 }).catch((err) => log.warn("inline verification failed", { error: (err as Error).message }));
  }
  if (outcome.background) return new Response("ok\n", { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
  const done = new URL(`/u/${encodeURIComponent(outcome.slug)}/done`, env().appUrl);
  done.searchParams.set("ticket", outcome.ticket);
  return Response.redirect(done.toString(), 303);
}

export async function GET(req: NextRequest) {
  return respond(req, "GET", firstValues(req.nextUrl.searchParams.entries()));
}

export async function POST(req: NextRequest) {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return htmlPage(415, "Unsupported callback", "Callbacks are accepted as GET or as a form-encoded POST.");
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return htmlPage(400, "Malformed callback", "The callback body could not be read.");
  }
  return respond(req, "POST", firstValues(form.entries()));
}
