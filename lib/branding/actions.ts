"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/auth/action-state";
import { fieldErrorsOf } from "@/lib/field-errors";
import { log } from "@/lib/log";
import { defineAction, field, formAction } from "@/lib/server/action";
import { saveBranding } from "./data";
import { z } from "zod";
import { checkLogo } from "./logo";
import { renderBrandText } from "./markdown";
import { brandingSchema, SITE_SCOPE, TEXT_MAX } from "./schema";

const TEXT_FIELDS = ["color", "welcome", "thanks", "afterUrl", "embedOrigins"] as const;
const typed = (f: FormData) => Object.fromEntries(TEXT_FIELDS.map((k) => [k, field(f, k)]));

export const saveBrandingAction = formAction({
  name: "saveBranding",
  who: "admin",
  schema: brandingSchema,
  read: (f) => ({ scope: field(f, "scope"), ...typed(f), removeLogo: field(f, "removeLogo") === "on" }),
  invalid: (error, f): ActionState => ({ ok: false, fieldErrors: fieldErrorsOf(error), message: "Check the highlighted fields.", values: typed(f) }),
  run: async (input, actor, f): Promise<ActionState> => {
    const file = f.get("logo");
    let logo = null;
    if (file instanceof File && file.size > 0) {
      const checked = await checkLogo(Buffer.from(await file.arrayBuffer()));
      if (!checked.ok) return { ok: false, fieldErrors: { logo: [checked.message] }, message: "Check the highlighted fields.", values: typed(f) };
      logo = checked;
    }
    await saveBranding(input, logo);
    log.info("branding saved", { scope: input.scope, userId: actor.id });
    revalidatePath(input.scope === SITE_SCOPE ? "/admin/settings" : `/admin/links/${input.scope}`);
    return { ok: true, message: "Branding saved. The preview shows the page as visitors see it now." };
  },
});

const draftTexts = z.object({ welcome: z.string().max(TEXT_MAX), thanks: z.string().max(TEXT_MAX) });
const renderDraft = defineAction<"admin", typeof draftTexts, { ok: boolean; message?: string; welcomeHtml?: string; thanksHtml?: string }>({
  name: "previewBrandText",
  who: "admin",
  schema: draftTexts,
  invalid: () => ({ ok: false, message: `Keep each text under ${TEXT_MAX} characters.` }),
  // The link form's live preview (issue #18): the unsaved texts through the same Markdown subset
  // and sanitiser as the public page. Nothing is stored; the answer goes only to the admin's preview.
  run: async ({ welcome, thanks }) => ({ ok: true, welcomeHtml: renderBrandText(welcome), thanksHtml: renderBrandText(thanks) }),
});

export async function previewBrandText(welcome: string, thanks: string) {
  return renderDraft({ welcome, thanks }, undefined);
}
