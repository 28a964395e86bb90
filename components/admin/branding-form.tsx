"use client";
// Branding of the public pages (issue #18): the site default (settings) or one link's overrides.
// The colour is checked as it is typed with the same rule the server applies; the "go to" address
// is shown the way a visitor will read it; a link's form shows the real public page as a preview.
import { useActionState, useEffect, useRef, useState } from "react";
import { CheckboxField, TextArea, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialState } from "@/lib/auth/action-state";
import { saveBrandingAction } from "@/lib/branding/actions";
import { checkBrandColour } from "@/lib/branding/colour";
import type { BrandingDraft } from "@/lib/branding/preview";
import type { BrandingValues } from "@/lib/branding/schema";
import { BrandPreview } from "./brand-preview";

type Props = { scope: string; values: BrandingValues; previewPath?: string; language?: string | null };

const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp"];

export function BrandingForm({ scope, values, previewPath, language = null }: Props) {
  const [state, action] = useActionState(saveBrandingAction, initialState);
  const e = state.fieldErrors;
  const v = { ...values, ...state.values };
  const [colour, setColour] = useState(v.color);
  const [afterUrl, setAfterUrl] = useState(v.afterUrl);
  const check = colour.trim() ? checkBrandColour(colour) : null;
  // The unsaved values, for the live preview. A picked logo is shown from a blob: address of the
  // file itself (nothing is uploaded until Save; the server checks the bytes then).
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<BrandingDraft | null>(null);
  const logoUrl = useRef<{ file: File; url: string } | null>(null);
  const readDraft = () => {
    if (!form.current || !previewPath) return;
    const f = new FormData(form.current);
    const text = (k: string) => (typeof f.get(k) === "string" ? (f.get(k) as string) : "");
    const file = f.get("logo");
    let logo: string | null = null;
    if (file instanceof File && file.size > 0 && file.size <= 200 * 1024 && LOGO_TYPES.includes(file.type)) {
      if (logoUrl.current?.file !== file) {
        if (logoUrl.current) URL.revokeObjectURL(logoUrl.current.url);
        logoUrl.current = { file, url: URL.createObjectURL(file) };
      }
      logo = logoUrl.current.url;
    }
    setDraft({ color: colour, welcome: text("welcome"), thanks: text("thanks"), afterUrl, logo, removeLogo: f.get("removeLogo") === "on" });
  };
  // The colour and the address are controlled (the suggestion button sets the colour without typing).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- readDraft reads the form as it is now
  useEffect(readDraft, [colour, afterUrl]);
  const isLink = scope !== "site";
  const inherit = isLink ? " Leave empty to use the site default." : "";
  return (
    <div className="space-y-6">
      <form ref={form} action={action} onInput={readDraft} onChange={readDraft} className="space-y-4" noValidate data-testid="branding-form">
        <input type="hidden" name="scope" value={scope} />
        <div>
          {values.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- the stored logo, as visitors get it
            <img src={values.logoUrl} alt="Current logo" className="mb-2 max-h-12 w-auto" />
          ) : null}
          <TextField
            label="Logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            errors={e?.logo}
            hint={`PNG, JPEG or WebP, up to 200 KB.${inherit}`}
          />
          {values.logoUrl ? <CheckboxField label="Remove the logo" name="removeLogo" /> : null}
        </div>
        <div className="flex items-end gap-3">
          <TextField
            label="Brand colour"
            name="color"
            value={colour}
            onChange={(ev) => setColour(ev.target.value)}
            placeholder="#1d4ed8"
            errors={e?.color}
            hint={`Buttons, links and the heading. Must be dark enough for white text (WCAG AA, 4.5:1).${inherit}`}
          />
          <span
            aria-hidden="true"
            className="mb-2 h-10 w-10 shrink-0 rounded-md ring-1 ring-slate-300"
            style={{ background: check?.ok ? check.hex : "transparent" }}
          />
        </div>
        {check ? (
          <p role="status" className={`text-sm ${check.ok ? "text-green-800" : "text-red-800"}`} data-testid="colour-check">
            {check.ok ? `Contrast with white: ${check.ratio}:1 — passes WCAG AA.` : check.message}
            {!check.ok && check.suggestion ? (
              <button type="button" className="ml-2 font-semibold underline" onClick={() => setColour(check.suggestion!)}>
                Use {check.suggestion}
              </button>
            ) : null}
          </p>
        ) : null}
        <TextArea
          label="Welcome text"
          name="welcome"
          rows={4}
          defaultValue={v.welcome}
          errors={e?.welcome}
          hint={`Shown under the title. Markdown: **bold**, *italic*, lists, [links](https://…).${inherit}`}
        />
        <TextArea
          label="Thank-you text"
          name="thanks"
          rows={3}
          defaultValue={v.thanks}
          errors={e?.thanks}
          hint={`Shown once the upload has arrived. Same Markdown.${inherit}`}
        />
        <TextField
          label="After upload, go to"
          name="afterUrl"
          type="url"
          value={afterUrl}
          onChange={(ev) => setAfterUrl(ev.target.value)}
          errors={e?.afterUrl}
          hint={<AfterUrlHint url={afterUrl} />}
        />
        {isLink ? (
          <TextArea
            label="Sites that may embed this link"
            name="embedOrigins"
            rows={3}
            defaultValue={v.embedOrigins}
            errors={e?.embedOrigins}
            hint="One origin per line, such as https://www.example.com. Empty: no other site can show this page in a frame."
          />
        ) : null}
        <FormMessage state={state} />
        <SubmitButton pendingText="Saving…">Save branding</SubmitButton>
      </form>
      {previewPath ? <BrandPreview path={previewPath} version={state.ok ? (state.message ?? "") + Date.now() : ""} draft={draft} language={language} /> : null}
    </div>
  );
}

function AfterUrlHint({ url }: { url: string }) {
  let host: string | null = null;
  try {
    const u = new URL(url.trim());
    if (u.protocol === "https:") host = u.host;
  } catch {
    host = null;
  }
  if (!url.trim()) return <>Optional, https only. After uploading, visitors are sent there.</>;
  if (!host) return <>Must be a full https:// address.</>;
  return (
    <span data-testid="after-url-preview">
      Visitors will read: “Taking you to <strong>{host}</strong> in a few seconds. Continue to {host}” and land on{" "}
      <span className="break-all">{url.trim()}</span>
    </span>
  );
}
