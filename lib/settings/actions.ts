"use server";
import { revalidatePath } from "next/cache";
import { fieldErrorsOf } from "@/lib/field-errors";
import { checkAndRecord, openCredentials, sealCredentials } from "@/lib/connections";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { field, formAction } from "@/lib/server/action";
import { apiUrlChanged, connectionIdSchema, connectionSchema, SECRET_FIELDS, SECRETS_AGAIN_MESSAGE } from "@/lib/settings/schema";

// Echo back what was typed, never the secrets.
const typed = (f: FormData) => ({ name: field(f, "name"), apiUrl: field(f, "apiUrl"), consumerKey: field(f, "consumerKey") });

export const saveConnection = formAction({
  name: "saveConnection",
  who: "admin",
  schema: connectionSchema,
  read: (f) => {
    const raw: Record<string, string> = Object.fromEntries(["id", "name", "apiUrl", "consumerKey", ...SECRET_FIELDS].map((k) => [k, field(f, k)]));
    if (!raw.id) delete raw.id;
    return raw;
  },
  invalid: (error, f) => ({ ok: false, fieldErrors: fieldErrorsOf(error), values: typed(f) }),
  run: async (input, actor, f) => {
    const values = typed(f);

    if (!input.id) {
      const missing = Object.fromEntries(SECRET_FIELDS.filter((k) => !input[k]).map((k) => [k, ["Required for a new connection."]]));
      if (Object.keys(missing).length) return { ok: false, fieldErrors: missing, values };
      const conn = await db().connection.create({
        data: {
          name: input.name,
          apiUrl: input.apiUrl,
          ...sealCredentials({
            consumerKey: input.consumerKey,
            consumerSecret: input.consumerSecret,
            accessToken: input.accessToken,
            accessTokenSecret: input.accessTokenSecret,
          }),
        },
      });
      log.info("connection created", { connectionId: conn.id, userId: actor.id });
    } else {
      const existing = await db().connection.findUnique({ where: { id: input.id } });
      if (!existing) return { ok: false, message: "That connection no longer exists." };
      if (existing.isDefault) return { ok: false, message: "The default connection comes from the server settings; change it there." };
      if (apiUrlChanged(existing.apiUrl, input.apiUrl)) {
        const missing = Object.fromEntries(SECRET_FIELDS.filter((k) => !input[k]).map((k) => [k, [SECRETS_AGAIN_MESSAGE]]));
        if (Object.keys(missing).length) return { ok: false, fieldErrors: missing, message: "Enter all three secrets again to change the API URL.", values };
      }
      const current = openCredentials(existing);
      // Only a newly typed secret replaces the stored one (same address: see above).
      const next = {
        consumerKey: input.consumerKey,
        consumerSecret: input.consumerSecret || current.consumerSecret,
        accessToken: input.accessToken || current.accessToken,
        accessTokenSecret: input.accessTokenSecret || current.accessTokenSecret,
      };
      await db().connection.update({
        where: { id: existing.id },
        data: { name: input.name, apiUrl: input.apiUrl, ...sealCredentials(next), lastCheckStatus: null, siteName: null, permissionLevel: null },
      });
      log.info("connection updated", { connectionId: existing.id, userId: actor.id });
    }
    revalidatePath("/admin/settings");
    return { ok: true, message: input.id ? "Connection saved. Test it to check the new values." : "Connection added. Test it to check the credentials." };
  },
});

export const testConnection = formAction({
  name: "testConnection",
  who: "admin",
  schema: connectionIdSchema,
  read: (f) => ({ id: field(f, "id") }),
  invalid: () => ({ ok: false, message: "Unknown connection." }),
  run: async ({ id }, actor) => {
    const conn = await db().connection.findUnique({ where: { id } });
    if (!conn) return { ok: false, message: "That connection no longer exists." };
    const result = await checkAndRecord(conn);
    log.info("connection tested", { connectionId: conn.id, status: result.status, userId: actor.id });
    revalidatePath("/admin/settings");
    const detail =
      result.siteName || result.permissionLevel ? ` Site: ${result.siteName ?? "unknown"} · permission: ${result.permissionLevel ?? "unknown"}.` : "";
    return { ok: result.status === "ok", message: `${result.message}${result.status === "ok" ? "" : detail}` };
  },
});
