"use server";
// The admin's link actions, declared through lib/server/action.ts (admins only, parsed input).
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf } from "@/lib/field-errors";
import { createLink, deleteLink, duplicateLink, setActive, updateLink, type SaveResult } from "@/lib/links/data";
import { linkFormInput, linkIdSchema, linkSchema, setLinkActiveSchema, updateLinkSchema } from "@/lib/links/schema";
import { log } from "@/lib/log";
import { field, formAction } from "@/lib/server/action";

function echo(f: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of f.entries()) if (typeof v === "string" && !k.startsWith("$")) out[k] = v;
  return out;
}

function refused(r: Extract<SaveResult, { ok: false }>, f: FormData): ActionState {
  return { ok: false, fieldErrors: { [r.field]: [r.message] }, values: echo(f), message: "Please correct the marked fields." };
}

const unknownLink = (): ActionState => ({ ok: false, message: "Unknown link." });
const gone: ActionState = { ok: false, message: "That link no longer exists." };
// A bad id says "Unknown link." before any field error, as the form cannot fix it.
const invalidForm = (error: z.ZodError, f: FormData): ActionState =>
  error.issues.some((i) => i.path[0] === "id")
    ? unknownLink()
    : { ok: false, fieldErrors: fieldErrorsOf(error), values: echo(f), message: "Please correct the marked fields." };
const readId = (f: FormData) => ({ id: field(f, "id") });

export const createLinkAction = formAction({
  name: "createLink",
  who: "admin",
  schema: linkSchema,
  read: linkFormInput,
  invalid: invalidForm,
  run: async (input, actor, f) => {
    const r = await createLink(input, actor.id);
    if (!r.ok) return refused(r, f);
    log.info("link created", { linkId: r.link.id, userId: actor.id });
    revalidatePath("/admin/links");
    redirect(`/admin/links/${r.link.id}?created=1`);
  },
});

export const updateLinkAction = formAction({
  name: "updateLink",
  who: "admin",
  schema: updateLinkSchema,
  read: (f) => ({ ...linkFormInput(f), ...readId(f) }),
  invalid: invalidForm,
  run: async ({ id, ...input }, actor, f) => {
    const r = await updateLink(id, input);
    if (!r) return gone;
    if (!r.ok) return refused(r, f);
    log.info("link updated", { linkId: id, userId: actor.id });
    revalidatePath("/admin/links");
    redirect(`/admin/links/${id}?saved=1`);
  },
});

export const duplicateLinkAction = formAction({
  name: "duplicateLink",
  who: "admin",
  schema: linkIdSchema,
  read: readId,
  invalid: unknownLink,
  run: async ({ id }, actor) => {
    const copy = await duplicateLink(id, actor.id);
    if (!copy) return gone;
    log.info("link duplicated", { linkId: id, copyId: copy.id, userId: actor.id });
    revalidatePath("/admin/links");
    redirect(`/admin/links/${copy.id}/edit?copied=1`);
  },
});

export const setActiveAction = formAction({
  name: "setLinkActive",
  who: "admin",
  schema: setLinkActiveSchema,
  read: (f) => ({ ...readId(f), active: f.get("active") === "true" }),
  invalid: unknownLink,
  run: async ({ id, active }, actor) => {
    if (!(await setActive(id, active))) return gone;
    log.info(active ? "link activated" : "link deactivated", { linkId: id, userId: actor.id });
    revalidatePath("/admin/links");
    revalidatePath(`/admin/links/${id}`);
    return { ok: true, message: active ? "The link is active again." : "The link is deactivated: visitors see that it is closed." };
  },
});

export const deleteLinkAction = formAction({
  name: "deleteLink",
  who: "admin",
  schema: linkIdSchema,
  read: readId,
  invalid: unknownLink,
  run: async ({ id }, actor) => {
    const outcome = await deleteLink(id);
    if (outcome === "missing") return gone;
    log.info("link deleted", { linkId: id, outcome, userId: actor.id });
    revalidatePath("/admin/links");
    redirect(`/admin/links?deleted=${outcome}`);
  },
});
