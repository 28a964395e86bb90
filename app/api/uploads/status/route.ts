// The state of a visitor's own uploads, for the uploader's polling: GET ?ticket=<signed ticket>.
// The ticket is HMAC-signed, so it only opens its own token; the answer carries no upload token,
// no object token and nothing about other visitors.
import { ticketStatus } from "@/lib/intake/tickets";
import { ticketQuerySchema } from "@/lib/intake/schema";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

export const GET = route({
  name: "uploadStatus",
  who: "anyone",
  schema: ticketQuerySchema,
  read: (req) => ({ ticket: req.nextUrl.searchParams.get("ticket") ?? undefined }),
  invalid: () => json(400, { error: "ticket is required" }),
  run: async ({ ticket }) => {
    const body = await ticketStatus(ticket);
    return body ? json(200, body) : json(404, { error: "unknown ticket" });
  },
});
