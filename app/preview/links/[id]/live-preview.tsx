"use client";
// The preview frame's side of the live preview (issue #18). It draws the public page with the
// same components (PublicShell, BrandText, the intake), first from the saved branding, then from
// each draft the admin's form posts to it. A draft is trusted for nothing but this picture: only
// the portal's own window above may send one, the colour passes the same WCAG check, the logo
// must be a blob: address of this origin (the file the admin picked, never uploaded), and the
// texts become HTML only on the server, through the public page's own Markdown sanitiser.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { BrandText } from "@/components/public/brand";
import { PublicShell } from "@/components/public/shell";
import type { UploaderProps } from "@/components/uploader/types";
import { previewBrandText } from "@/lib/branding/actions";
import { checkBrandColour } from "@/lib/branding/colour";
import { parseDraft, PREVIEW_DRAFT, PREVIEW_READY, type BrandingDraft } from "@/lib/branding/preview";
import { Intake } from "../../../u/[slug]/intake";

type Look = { logoUrl: string | null; color: string | null; welcomeHtml: string; thanksHtml: string; afterUrl: string | null };
type Props = {
  view: "intake" | "thanks";
  title: string;
  instructions: string | null;
  saved: Look;
  site: Look;
  intake: Pick<UploaderProps, "link" | "redeemUrl" | "chunkBytes" | "chunkThresholdBytes"> | null;
};

/** The page's look for a draft: an emptied field inherits the site default, an invalid one keeps the saved value. */
function lookFor(d: BrandingDraft, saved: Look, site: Look, html: { welcomeHtml: string; thanksHtml: string }): Look {
  const c = d.color.trim() ? checkBrandColour(d.color) : null;
  let afterUrl = site.afterUrl;
  if (d.afterUrl.trim()) {
    try {
      const u = new URL(d.afterUrl.trim());
      afterUrl = u.protocol === "https:" ? u.toString() : saved.afterUrl;
    } catch {
      afterUrl = saved.afterUrl;
    }
  }
  return {
    color: c === null ? site.color : c.ok ? c.hex : saved.color,
    logoUrl: d.logo ?? (d.removeLogo ? site.logoUrl : saved.logoUrl),
    welcomeHtml: d.welcome.trim() ? html.welcomeHtml : site.welcomeHtml,
    thanksHtml: d.thanks.trim() ? html.thanksHtml : site.thanksHtml,
    afterUrl,
  };
}

export function LivePreview({ view, title, instructions, saved, site, intake }: Props) {
  const [look, setLook] = useState<Look>(saved);
  const asked = useRef(0);
  useEffect(() => {
    const onMessage = async (e: MessageEvent) => {
      if (e.origin !== window.location.origin || e.source !== window.parent || e.data?.type !== PREVIEW_DRAFT) return;
      const draft = parseDraft(e.data.draft, window.location.origin);
      if (!draft) return;
      const mine = ++asked.current;
      const r = await previewBrandText(draft.welcome, draft.thanks);
      if (mine !== asked.current || !r.ok) return; // a newer draft is on its way, or the session ended
      setLook(lookFor(draft, saved, site, { welcomeHtml: r.welcomeHtml ?? "", thanksHtml: r.thanksHtml ?? "" }));
    };
    window.addEventListener("message", onMessage);
    if (window.parent !== window) window.parent.postMessage({ type: PREVIEW_READY }, window.location.origin);
    return () => window.removeEventListener("message", onMessage);
  }, [saved, site]);
  return (
    <div data-testid="live-preview" data-look={JSON.stringify({ color: look.color })}>
      <PublicShell brand={look}>
        {view === "thanks" ? <Thanks title={title} look={look} /> : <IntakeView title={title} instructions={instructions} look={look} intake={intake} />}
      </PublicShell>
    </div>
  );
}

function IntakeView({ title, instructions, look, intake }: Pick<Props, "title" | "instructions" | "intake"> & { look: Look }) {
  const t = useTranslations("intake");
  return (
    <>
      <h1 className="text-2xl font-bold leading-tight">{title}</h1>
      <BrandText html={look.welcomeHtml} testId="brand-welcome" />
      {instructions ? <p className="mt-3 whitespace-pre-line text-slate-700">{instructions}</p> : null}
      {intake ? (
        // A picture of the form, not a form: nothing in the preview can start an upload.
        <div inert>
          <Intake {...intake} brand={{ thanksHtml: look.thanksHtml, afterUrl: look.afterUrl, embedOrigins: [] }} />
        </div>
      ) : (
        <p className="mt-6 text-slate-700">{t("notConnected")}</p>
      )}
    </>
  );
}

function Thanks({ title, look }: { title: string; look: Look }) {
  const t = useTranslations("done");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("thanks")}</h1>
      <p className="mt-3 text-slate-700">{t("reached", { count: 1, title: `“${title}”` })}</p>
      <BrandText html={look.thanksHtml} testId="brand-thanks" />
      {look.afterUrl ? (
        <p className="mt-3">
          <span className="font-semibold text-blue-800 underline" data-testid="after-upload">
            {t("continueTo", { host: new URL(look.afterUrl).host })}
          </span>
        </p>
      ) : null}
    </>
  );
}
