"use server";
// Moderation actions, declared through lib/server/action.ts: members and admins alike review uploads.
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/auth/schema";
import { field, formAction } from "@/lib/server/action";
import { moderate, moderateMany } from "@/lib/uploads/moderation";
import { bulkSchema, moderateUploadSchema } from "@/lib/uploads/schema";

const editValues = (f: FormData) => ({ title: field(f, "title"), description: field(f, "description"), tags: field(f, "tags") });
// The edit form's field errors are keyed by the field, not by "edit".
const editErrors = (error: z.ZodError) => fieldErrorsOf({ issues: error.issues.map((i) => ({ ...i, path: i.path.slice(1) })) } as z.ZodError);

export const moderateUpload = formAction({
  name: "moderateUpload",
  who: "member",
  schema: moderateUploadSchema,
  read: (f) => ({ uploadId: field(f, "uploadId"), action: field(f, "action"), edit: field(f, "action") === "edit" ? editValues(f) : undefined }),
  invalid: (error, f) =>
    error.issues.every((i) => i.path[0] === "edit") ? { ok: false, fieldErrors: editErrors(error), values: editValues(f) } : { ok: false, message: "That action is not available." },
  run: async ({ uploadId, action, edit }, actor) => {
    const result = await moderate({ uploadId, userId: actor.id, action, edit });
    revalidatePath(`/admin/uploads/${uploadId}`);
    revalidatePath("/admin/uploads");
    return { ok: result.ok, message: result.message };
  },
});

const VERB = { approve: "published", reject: "rejected", delete: "deleted", dismiss: "dismissed" } as const;

export const bulkModerate = formAction({
  name: "bulkModerate",
  who: "member",
  schema: bulkSchema,
  read: (f) => ({ ids: f.getAll("ids").map(String), action: field(f, "action"), confirmed: field(f, "confirmed") || undefined }),
  invalid: (error) => ({ ok: false, message: error.issues[0]?.message ?? "That action is not available." }),
  run: async ({ ids, action, confirmed }, actor) => {
    if (action === "delete" && confirmed !== "yes") return { ok: false, message: "Confirm the deletion first." };
    const result = await moderateMany(ids, action, actor.id);
    revalidatePath("/admin/uploads");
    const failed = result.failed.length;
    const first = result.failed[0]?.message;
    const message = `${result.done} ${VERB[action]}.` + (failed ? ` ${failed} failed${first ? `: ${first}` : ""}` : "");
    return { ok: failed === 0, message };
  },
});
