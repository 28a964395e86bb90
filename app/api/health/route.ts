// Health for load balancers and uptime checks: `{ ok }` for anyone (200 or 503); the details
// (database, site name, permission level) only for a signed-in admin, since they tell a stranger
// which site the portal writes to and with what rights.
import { z } from "zod";
import { currentActor } from "@/lib/auth/guard";
import { health } from "@/lib/health";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route({
  name: "health",
  who: "anyone",
  schema: z.object({}),
  read: () => ({}),
  run: async () => {
    const h = await health();
    const status = h.status === "ok" ? 200 : 503;
    const headers = { "cache-control": "no-store" };
    const actor = await currentActor().catch(() => null);
    if (actor?.role !== "ADMIN") return Response.json({ ok: h.status === "ok" }, { status, headers });
    return Response.json({ ok: h.status === "ok", ...h }, { status, headers });
  },
});
