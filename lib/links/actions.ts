"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { adminAction } from "@/lib/auth/action";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf } from "@/lib/auth/schema";
import { db } from "@/lib/db";
import { createLink, deleteLink, duplicateLink, setActive, updateLink, type SaveResult } from "@/lib/links/data";
import { linkFormInput, linkSchema } from "@/lib/links/schema";
import { log } from "@/lib/log";

const idOf = (f: FormData) => z.uuid().safeParse(f.get("id"));

function echo(f: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of f.entries()) if (typeof v === "string" && !k.startsWith("$")) out[k] = v;
  return out;
}

function refused(r: Extract<SaveResult, { ok: false }>, f: FormData): ActionState {
  return { ok: false, fieldErrors: { [r.field]: [r.message] }, values: echo(f), message: "Please correct the marked fields." };
}

export const createLinkAction = adminAction("createLink", async (actor, f) => {
  const parsed = linkSchema.safeParse(linkFormInput(f));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(f), message: "Please correct the marked fields." };
  const r = await createLink(db(), parsed.data, actor.id);
  if (!r.ok) return refused(r, f);
  log.info("link created", { linkId: r.link.id, userId: actor.id });
  revalidatePath("/admin/links");
  redirect(`/admin/links/${r.link.id}?created=1`);
});

export const updateLinkAction = adminAction("updateLink", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown link." };
  const parsed = linkSchema.safeParse(linkFormInput(f));
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: echo(f), message: "Please correct the marked fields." };
  const r = await updateLink(db(), id.data, parsed.data);
  if (!r) return { ok: false, message: "That link no longer exists." };
  if (!r.ok) return refused(r, f);
  log.info("link updated", { linkId: id.data, userId: actor.id });
  revalidatePath("/admin/links");
  redirect(`/admin/links/${id.data}?saved=1`);
});

export const duplicateLinkAction = adminAction("duplicateLink", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown link." };
  const copy = await duplicateLink(db(), id.data, actor.id);
  if (!copy) return { ok: false, message: "That link no longer exists." };
  log.info("link duplicated", { linkId: id.data, copyId: copy.id, userId: actor.id });
  revalidatePath("/admin/links");
  redirect(`/admin/links/${copy.id}/edit?copied=1`);
});

export const setActiveAction = adminAction("setLinkActive", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown link." };
  const active = f.get("active") === "true";
  if (!(await setActive(db(), id.data, active))) return { ok: false, message: "That link no longer exists." };
  log.info(active ? "link activated" : "link deactivated", { linkId: id.data, userId: actor.id });
  revalidatePath("/admin/links");
  revalidatePath(`/admin/links/${id.data}`);
  return { ok: true, message: active ? "The link is active again." : "The link is deactivated: visitors see that it is closed." };
});

export const deleteLinkAction = adminAction("deleteLink", async (actor, f) => {
  const id = idOf(f);
  if (!id.success) return { ok: false, message: "Unknown link." };
  const outcome = await deleteLink(db(), id.data);
  if (outcome === "missing") return { ok: false, message: "That link no longer exists." };
  log.info("link deleted", { linkId: id.data, outcome, userId: actor.id });
  revalidatePath("/admin/links");
  redirect(`/admin/links?deleted=${outcome}`);
});
