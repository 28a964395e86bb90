// The state of a visitor's own uploads, for the uploader's polling: GET ?ticket=<signed ticket>.
// The ticket is HMAC-signed, so it only opens its own token; the answer carries no upload token,
// no object token and nothing about other visitors.
import type { NextRequest } from "next/server";
import { z } from "zod";
import { ticketStatus } from "@/lib/intake/tickets";

export const dynamic = "force-dynamic";

const query = z.object({ ticket: z.string().min(1).max(200) });

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

export async function GET(req: NextRequest) {
  const parsed = query.safeParse({ ticket: req.nextUrl.searchParams.get("ticket") ?? undefined });
  if (!parsed.success) return json(400, { error: "ticket is required" });
  const body = await ticketStatus(parsed.data.ticket);
  if (!body) return json(404, { error: "unknown ticket" });
  return json(200, body);
}
