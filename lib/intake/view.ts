// What the browser may know about a link: field modes and texts, never ids of connections,
// albums, custom variables or anything else the visitor has no use for.
import type { IntakeLink } from "@/generated/prisma/client";
import type { RecordingSettings } from "@/lib/recording/types";

export type PublicLinkView = {
  slug: string;
  title: string;
  nameField: IntakeLink["nameField"];
  emailField: IntakeLink["emailField"];
  titleField: IntakeLink["titleField"];
  descriptionField: IntakeLink["descriptionField"];
  consentText: string | null;
  maxUploads: number;
  maxFileBytes: number | null;
  maxDurationSeconds: number | null;
  recording: RecordingSettings;
};

export function publicLinkView(link: IntakeLink, opts: { member?: boolean } = {}): PublicLinkView {
  return {
    slug: link.slug,
    title: link.title,
    nameField: opts.member ? "OFF" : link.nameField,
    emailField: opts.member ? "OFF" : link.emailField,
    titleField: link.titleField,
    descriptionField: link.descriptionField,
    consentText: link.consentText,
    maxUploads: link.maxUploads,
    maxFileBytes: link.maxFileBytes === null ? null : Number(link.maxFileBytes),
    maxDurationSeconds: link.maxDurationSeconds,
    // h15b glue until the link's recording settings (h15a) land: record or upload, one take, no questions.
    recording: { allowRecord: true, allowUpload: true, allowScreen: false, mode: "ONE_TAKE", questions: [], maxSeconds: null },
  };
}
