// TwentyThree's pingback URL (set it on the site's API consumer; the embedded emulator is pointed
// here by npm start). Only the query string is read; see lib/processing/pingback.ts.
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { receivePingback } from "@/lib/processing/pingback";

export const dynamic = "force-dynamic";

async function handle(req: NextRequest) {
  const params = Object.fromEntries(req.nextUrl.searchParams.entries());
  const a = await receivePingback(params, clientIp(req.headers));
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
  if (a.retryAfter) headers["retry-after"] = String(a.retryAfter);
  return new Response(`${a.text}\n`, { status: a.status, headers });
}

export const POST = handle;
export const GET = handle;
