// What the browser may know about a link: field modes and texts, never ids of connections,
// albums, custom variables or anything else the visitor has no use for.
import type { IntakeLink } from "@/generated/prisma/client";
import { recordingSettings } from "@/lib/recording/settings";
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
  /** Issue #15: may visitors record here, and with which questions. */
  recording: RecordingSettings;
  /** Opened with a personal invitation (issue #17): the signed invite, sent back with the details, and whom it greets. */
  invite?: { token: string; name: string; email: string };
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
    recording: recordingSettings(link),
  };
}
