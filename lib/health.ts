// What /api/health reports: the database and the default TwentyThree connection.
import { db } from "@/lib/db";
import { checkAndRecord } from "@/lib/connections";
import { log } from "@/lib/log";

export type Health = {
  status: "ok" | "down";
  database: { status: "ok" | "down"; message?: string };
  twentythree: { status: string; siteName?: string; permissionLevel?: string; message: string };
};

export async function health(): Promise<Health> {
  const out: Health = { status: "ok", database: { status: "ok" }, twentythree: { status: "unknown", message: "not checked" } };
  try {
    await db().$queryRaw`SELECT 1`;
  } catch (err) {
    log.warn("health: database unreachable", { error: (err as Error).name });
    out.database = { status: "down", message: "The database cannot be reached." };
    out.twentythree = { status: "unknown", message: "Not checked: the database is down." };
    out.status = "down";
    return out;
  }
  const conn = await db().connection.findFirst({ where: { isDefault: true } });
  if (!conn) {
    out.twentythree = { status: "missing", message: "No default TwentyThree connection is configured." };
    out.status = "down";
    return out;
  }
  const check = await checkAndRecord(db(), conn, 4000);
  out.twentythree = { status: check.status, siteName: check.siteName, permissionLevel: check.permissionLevel, message: check.message };
  if (check.status !== "ok") out.status = "down";
  return out;
}
