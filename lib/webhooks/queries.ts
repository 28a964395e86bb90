// What the webhooks admin page shows: connections to choose from (the default first, the one the
// form preselects) and each endpoint with its latest deliveries.
import "server-only";
import { db } from "@/lib/db";

export async function webhooksOverview() {
  const [connections, endpoints] = await Promise.all([
    db().connection.findMany({ select: { id: true, name: true }, orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }] }),
    db().webhookEndpoint.findMany({ orderBy: { createdAt: "asc" }, include: { deliveries: { orderBy: { createdAt: "desc" }, take: 20 } } }),
  ]);
  return { connections, endpoints };
}
