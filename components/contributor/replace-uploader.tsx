"use client";
// The replacement's upload (issue #17): the same resumable uploader as the intake page
// (client/upload-file.ts: chunked above the threshold, retries, resume), sending the file to
// redeem-replace-token with a background replace token minted for it. TwentyThree calls the
// portal's replace callback itself; the page then asks whether the portal recorded it (it does so
// only once TwentyThree shows the new file) and goes back to the contributor's page. Without
// JavaScript, or when TwentyThree does not allow this origin (CORS), the form posts the page's own
// redirect token the plain way.
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { canUploadCrossOrigin } from "@/components/uploader/client/cors";
import { createMeter } from "@/components/uploader/client/meter";
import { failureText, uploadFile, UploadFailedError, type GetToken, type UploadTokenInfo } from "@/components/uploader/client/upload-file";
import { ProgressBar } from "@/components/uploader/progress-bar";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { prepareReplaceUpload, replacementStatusOf } from "@/lib/contributor/actions";

type Props = {
  receipt: string;
  replacementId: string;
  uploadId: string;
  redeemUrl: string;
  replaceToken: string;
  validUntil: string;
  chunkBytes: number;
  chunkThresholdBytes: number;
};

type Phase = { kind: "idle" } | { kind: "sending"; percent: number; note?: string } | { kind: "checking" } | { kind: "error"; message: string };

export function ReplaceUploader(p: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const plain = useRef(false);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const router = useRouter();
  const t = useTranslations("replace");
  const tn = useTranslations("uploaderNotes");

  const run = async (file: File) => {
    if (!(await canUploadCrossOrigin(p.redeemUrl))) {
      plain.current = true; // TwentyThree does not take uploads from this page: the plain form post
      return formRef.current?.requestSubmit();
    }
    let token: UploadTokenInfo | null = null;
    const getToken: GetToken = async ({ fresh }) => {
      if (token && !fresh) return token;
      const r = await prepareReplaceUpload(p.receipt, p.replacementId);
      if (!r.ok) throw new UploadFailedError(r.message);
      token = r.token;
      return token;
    };
    const meter = createMeter(file.size);
    setPhase({ kind: "sending", percent: 0 });
    try {
      const out = await uploadFile({
        file,
        slug: `replace-${p.uploadId}`,
        tokenField: "replace_token",
        getToken,
        chunkSize: p.chunkBytes,
        chunkThreshold: p.chunkThresholdBytes,
        onEvent: (e) => {
          if (e.kind === "retrying") setPhase((s) => ({ kind: "sending", percent: s.kind === "sending" ? s.percent : 0, note: t("retrying") }));
          else if (e.kind === "resuming") setPhase({ kind: "sending", percent: 0, note: t("resuming", { stored: e.chunksStored, total: e.chunksTotal }) });
          else setPhase((s) => ({ kind: "sending", percent: meter.update(e.bytes).percent, note: s.kind === "sending" ? s.note : undefined }));
        },
      });
      if (out.answer.kind === "error") return setPhase({ kind: "error", message: t("refusedFile", { message: out.answer.message }) });
      setPhase({ kind: "checking" });
      const status = await replacementStatusOf(p.receipt, out.ticket);
      if (status.ok && status.status === "done") return router.push(`/c/${p.receipt}?replaced=1`);
      // Received, but TwentyThree could not be asked yet: the portal confirms it in the background.
      if (status.ok && status.status === "confirming") return router.push(`/c/${p.receipt}?replaced=confirming`);
      setPhase({
        kind: "error",
        message: status.ok ? t("notShown") : (status.message ?? t("somethingWrong")),
      });
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof UploadFailedError ? failureText(err, (k, v) => tn(k, v)) : t("sendFailed") });
    }
  };

  const onSubmit = (e: React.FormEvent<HTMLFormElement>) => {
    if (plain.current) return; // the browser posts the form itself
    e.preventDefault();
    const file = (e.currentTarget.elements.namedItem("file") as HTMLInputElement).files?.[0];
    if (file) void run(file);
  };

  const busy = phase.kind === "sending" || phase.kind === "checking";
  return (
    <form ref={formRef} action={p.redeemUrl} method="post" encType="multipart/form-data" className="mt-6 space-y-4" onSubmit={onSubmit}>
      <input type="hidden" name="replace_token" value={p.replaceToken} />
      <TextField id="file" label={t("chooseLabel")} name="file" type="file" required accept="video/*" hint={t("worksUntil", { until: p.validUntil })} />
      {phase.kind === "sending" ? (
        <div className="space-y-1">
          <ProgressBar percent={phase.percent} label={t("sendingLabel")} valueText={t("percentSent", { percent: phase.percent })} />
          <p className="text-sm text-slate-700" role="status">
            {phase.note ?? t("percentShort", { percent: phase.percent })}
          </p>
        </div>
      ) : null}
      {phase.kind === "checking" ? (
        <p className="text-sm text-slate-700" role="status">
          {t("checking")}
        </p>
      ) : null}
      {phase.kind === "error" ? (
        <p className="rounded-md bg-red-50 p-3 text-sm text-red-900" role="alert">
          {phase.message}
        </p>
      ) : null}
      <Button type="submit" size="lg" className="w-full" disabled={busy}>
        {phase.kind === "error" ? t("tryAgain") : t("uploadNew")}
      </Button>
      <p className="text-xs text-slate-500">{t("keepOpen")}</p>
    </form>
  );
}
