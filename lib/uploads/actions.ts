"use server";
import { revalidatePath } from "next/cache";
import { guardedAction } from "@/lib/auth/action";
import { fieldErrorsOf } from "@/lib/auth/schema";
import { editSchema, moderate, moderateMany } from "@/lib/uploads/moderation";
import { bulkSchema, moderateSchema } from "@/lib/uploads/schema";

const text = (f: FormData, k: string) => String(f.get(k) ?? "");

// Members and admins alike review uploads.
export const moderateUpload = guardedAction("USER", "moderateUpload", async (actor, formData) => {
  const parsed = moderateSchema.safeParse({ uploadId: text(formData, "uploadId"), action: text(formData, "action") });
  if (!parsed.success) return { ok: false, message: "That action is not available." };
  const { uploadId, action } = parsed.data;
  let edit;
  if (action === "edit") {
    const values = { title: text(formData, "title"), description: text(formData, "description"), tags: text(formData, "tags") };
    const e = editSchema.safeParse(values);
    if (!e.success) return { ok: false, fieldErrors: fieldErrorsOf(e.error), values };
    edit = e.data;
  }
  const result = await moderate({ uploadId, userId: actor.id, action, edit });
  revalidatePath(`/admin/uploads/${uploadId}`);
  revalidatePath("/admin/uploads");
  return { ok: result.ok, message: result.message };
});

const VERB = { approve: "published", reject: "rejected", delete: "deleted", dismiss: "dismissed" } as const;

export const bulkModerate = guardedAction("USER", "bulkModerate", async (actor, formData) => {
  const parsed = bulkSchema.safeParse({ ids: formData.getAll("ids").map(String), action: text(formData, "action"), confirmed: text(formData, "confirmed") || undefined });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "That action is not available." };
  const { ids, action, confirmed } = parsed.data;
  if (action === "delete" && confirmed !== "yes") return { ok: false, message: "Confirm the deletion first." };
  const result = await moderateMany(ids, action, actor.id);
  revalidatePath("/admin/uploads");
  const failed = result.failed.length;
  const first = result.failed[0]?.message;
  const message = `${result.done} ${VERB[action]}.` + (failed ? ` ${failed} failed${first ? `: ${first}` : ""}` : "");
  return { ok: failed === 0, message };
});
