import "server-only";
import type { Connection } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import type { ConnectionView } from "@/lib/settings/schema";

export function toView(c: Connection): ConnectionView {
  return {
    id: c.id,
    name: c.name,
    apiUrl: c.apiUrl,
    consumerKey: c.consumerKey,
    isDefault: c.isDefault,
    fromSettings: c.fromSettings,
    siteName: c.siteName,
    permissionLevel: c.permissionLevel,
    lastCheckStatus: c.lastCheckStatus,
    lastCheckedAt: c.lastCheckedAt?.toISOString() ?? null,
  };
}

export async function listConnections(): Promise<ConnectionView[]> {
  const rows = await db().connection.findMany({ orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }] });
  return rows.map(toView);
}
