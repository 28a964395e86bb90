// TwentyThree's pingback URL (set it on the site's API consumer; the embedded emulator is pointed
// here by npm start). Only the query string is read, and nothing in it is trusted: see
// lib/processing/pingback.ts, which re-reads the object from TwentyThree.
import { z } from "zod";
import { clientIp } from "@/lib/http/client-ip";
import { receivePingback } from "@/lib/processing/pingback";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

// Any query string is accepted here (bounded); receivePingback decides what it means.
const pingbackQuery = z.record(z.string().max(100), z.string().max(2000));

const handle = route({
  name: "pingback",
  who: "anyone",
  schema: pingbackQuery,
  read: (req) => Object.fromEntries([...req.nextUrl.searchParams.entries()].slice(0, 20)),
  run: async (params, _caller, req) => {
    const a = await receivePingback(params, clientIp(req.headers));
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
    if (a.retryAfter) headers["retry-after"] = String(a.retryAfter);
    return new Response(`${a.text}\n`, { status: a.status, headers });
  },
});

export const POST = handle;
export const GET = handle;
