// The portal and emulator for issue #15's integration tests: links that ask for a one take
// ("take", recordings only) and clips ("clips"), the public actions called as a visitor's browser
// calls them, and a recording uploaded to the emulator and confirmed as the thank-you page does.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { browserCallback } from "@/test/browser-callback";
import { readFixture } from "@/test/fixtures";
import { startPortalWithEmulator, type PortalWithEmulator } from "@/test/integration";
import { asRequestFrom } from "@/test/session";
import type { RecordingMeta } from "@/lib/recording/types";

const SECRET = "recording-test-secret-0123456789abcdef012";
const clip = readFixture("clip.mp4"); // 3.0 s
export const questions = [
  { id: "q1", text: "Who are you?" },
  { id: "q2", text: "What changed for you?" },
  { id: "q3", text: "Would you recommend us?" },
];
export const contact = { name: "Ada", email: "ada@example.com", consent: "on" };

export const take = (marks: [string, number][], extra: Partial<RecordingMeta> = {}): RecordingMeta => ({
  responseId: randomUUID(),
  kind: "take",
  marks: marks.map(([questionId, startSeconds]) => ({ questionId, startSeconds })),
  durationSeconds: 3,
  source: "camera",
  ...extra,
});

export async function startRecordingPortal() {
  const portal: PortalWithEmulator = await startPortalWithEmulator({ appUrl: "http://localhost:3994", authSecret: SECRET, logLevel: "error" });
  const actions = await import("@/lib/intake/actions");
  const demo = await portal.db.intakeLink.findUniqueOrThrow({ where: { slug: "demo" } });
  const { id: _i, createdAt: _c, updatedAt: _u, customVariables: _v, questions: _q, ...rest } = demo;
  const base = { ...rest, customVariables: {}, maxUploads: 3, allowRecord: true, questions, maxRecordSeconds: 60 };
  await portal.db.intakeLink.create({ data: { ...base, slug: "take", title: "Stories", allowUpload: false } });
  await portal.db.intakeLink.create({ data: { ...base, slug: "clips", title: "Stories", recordMode: "CLIPS" } });

  const prepare = (slug: string, values: Record<string, string>, opts: Parameters<typeof actions.prepareUpload>[2]) =>
    asRequestFrom(null, SECRET, () => actions.prepareUpload(slug, values, opts));
  const applyDetails = (ticket: string, values: Record<string, string>) => asRequestFrom(null, SECRET, () => actions.applyDetails(ticket, values));
  const startUpload = (form: FormData) => asRequestFrom(null, SECRET, () => actions.startUpload({}, form));

  /** Prepare, upload the bytes to the emulator as the browser does, land on the thank-you page: the confirmed upload row. */
  async function recordAndUpload(slug: string, recording: RecordingMeta, values: Record<string, string> = contact, deferDetails?: boolean) {
    const r = await prepare(slug, values, { fileCount: 1, background: false, recording, deferDetails });
    if (!r.ok) throw new Error(r.message);
    const form = new FormData();
    form.set("upload_token", r.token.uploadToken);
    form.set("file", new Blob([new Uint8Array(clip)], { type: "video/mp4" }), "recording.mp4");
    const res = await fetch(r.token.redeemUrl.replace(/^https?:\/\/[^/]+/, portal.emu.url), { method: "POST", body: form, redirect: "manual" });
    const params = Object.fromEntries(new URL(res.headers.get("location")!).searchParams.entries());
    await browserCallback("GET", params);
    const upload = await portal.db.upload.findFirstOrThrow({ where: { token: { uploadToken: r.token.uploadToken } } });
    expect(upload.state).toBe("VERIFIED");
    return { upload, ticket: r.token.ticket, uploadToken: r.token.uploadToken };
  }

  /** What TwentyThree's player will show: the video's sections, read anonymously with its token like an embed. */
  async function sectionsOnTwentyThree(upload: { photoId: string | null; photoToken: string | null }) {
    const q = new URLSearchParams({ photo_id: upload.photoId!, token: upload.photoToken!, format: "json", raw: "1" });
    const body = (await (await fetch(`${portal.emu.url}/api/photo/section/list?${q}`)).json()) as { sections: { start_time: string; title: string }[] };
    return body.sections.map((s) => ({ start: Number(s.start_time), title: s.title }));
  }

  return { portal, prepare, applyDetails, startUpload, recordAndUpload, sectionsOnTwentyThree };
}
