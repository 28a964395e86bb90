// Branding rows and logo bytes. A link's row overrides the site row field by field (null inherits);
// embed origins belong to the link alone (the site default is "nowhere").
import type { Branding } from "@/generated/prisma/client";
import { db } from "@/lib/db";
import { logoPath, type LogoCheck } from "./logo";
import { renderBrandText } from "./markdown";
import { SITE_SCOPE, type BrandingInput, type BrandingValues, type BrandView } from "./schema";

export async function readBranding(scope: string): Promise<Branding | null> {
  return db().branding.findUnique({ where: { scope } });
}

export function toValues(b: Branding | null): BrandingValues {
  return {
    logoUrl: b?.logoHash ? logoPath(b.logoHash) : null,
    color: b?.color ?? "",
    welcome: b?.welcome ?? "",
    thanks: b?.thanks ?? "",
    afterUrl: b?.afterUrl ?? "",
    embedOrigins: (b?.embedOrigins ?? []).join("\n"),
  };
}

/** The site default with a link's overrides, ready to render (Markdown sanitised here, on the server). */
export async function effectiveBranding(linkId: string): Promise<BrandView> {
  const rows = await db().branding.findMany({ where: { scope: { in: [SITE_SCOPE, linkId] } } });
  const site = rows.find((r) => r.scope === SITE_SCOPE);
  const own = rows.find((r) => r.scope === linkId);
  const pick = <K extends "logoHash" | "color" | "welcome" | "thanks" | "afterUrl">(k: K) => own?.[k] ?? site?.[k] ?? null;
  const logoHash = pick("logoHash");
  return {
    logoUrl: logoHash ? logoPath(logoHash) : null,
    color: pick("color"),
    welcomeHtml: renderBrandText(pick("welcome")),
    thanksHtml: renderBrandText(pick("thanks")),
    afterUrl: pick("afterUrl"),
    embedOrigins: own?.embedOrigins ?? [],
  };
}

/** Save one scope's branding; a new logo (already checked) replaces the old one. */
export async function saveBranding(input: BrandingInput, logo: Extract<LogoCheck, { ok: true }> | null): Promise<void> {
  if (logo) {
    await db().brandLogo.upsert({
      where: { hash: logo.hash },
      create: { hash: logo.hash, contentType: logo.contentType, bytes: new Uint8Array(logo.bytes) },
      update: {},
    });
  }
  const existing = await readBranding(input.scope);
  const logoHash = logo ? logo.hash : input.removeLogo ? null : (existing?.logoHash ?? null);
  const fields = {
    logoHash,
    color: input.color,
    welcome: input.welcome,
    thanks: input.thanks,
    afterUrl: input.afterUrl,
    embedOrigins: input.scope === SITE_SCOPE ? [] : input.embedOrigins,
  };
  await db().branding.upsert({ where: { scope: input.scope }, create: { scope: input.scope, ...fields }, update: fields });
}

export async function logoByHash(hash: string): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  return db().brandLogo.findUnique({ where: { hash }, select: { contentType: true, bytes: true } });
}
