// What the link form needs from the server: connections, their albums, and the starting values.
import "server-only";
import type { IntakeLink } from "@/generated/prisma/client";
import type { LinkFormDefaults } from "@/lib/links/schema";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { albumsByConnection } from "@/lib/links/albums";
import { recordingLinkDefault } from "@/lib/links/recording-schema";
import { storedQuestions } from "@/lib/recording/settings";

export async function formContext() {
  const rows = await db().connection.findMany({ orderBy: [{ isDefault: "desc" }, { createdAt: "asc" }] });
  const albums = await albumsByConnection(rows);
  // Only names and ids go to the browser, never the credentials.
  const connections = rows.map((c) => ({ id: c.id, name: c.name, isDefault: c.isDefault }));
  // Team members who can be e-mailed about a link's uploads (ids, names and addresses only).
  const members = await db().user.findMany({ where: { disabled: false }, select: { id: true, email: true, name: true }, orderBy: { email: "asc" }, take: 200 });
  return { connections, albums, publicBase: env().appUrl, members };
}

const localDateTime = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** `members`: formContext's list, to show the link's member recipients (stored by id) by address. */
export function defaultsFor(link: IntakeLink | null, connectionId: string, members: Array<{ id: string; email: string }> = []): LinkFormDefaults {
  if (!link)
    return {
      text: {
        title: "",
        slug: "",
        instructions: "",
        connectionId,
        nameField: "REQUIRED",
        emailField: "REQUIRED",
        titleField: "OPTIONAL",
        descriptionField: "OPTIONAL",
        consentText: "",
        tags: "",
        validMinutes: "180",
        maxUploads: "1",
        maxFileMegabytes: "",
        maxDurationSeconds: "",
        uploadQuota: "",
        expiresAt: "",
        notifyEmails: "",
        notifyMode: "EACH",
        withdrawPolicy: "unpublish",
        language: "",
      },
      flags: { publish: false, membersOnly: false, active: true, notifyReady: true },
      albumIds: [],
      customVariables: [],
      recording: recordingLinkDefault(),
    };
  const vars = link.customVariables && typeof link.customVariables === "object" && !Array.isArray(link.customVariables) ? link.customVariables : {};
  return {
    id: link.id,
    text: {
      title: link.title,
      slug: link.slug,
      instructions: link.instructions,
      connectionId: link.connectionId,
      nameField: link.nameField,
      emailField: link.emailField,
      titleField: link.titleField,
      descriptionField: link.descriptionField,
      consentText: link.consentText ?? "",
      tags: link.tags.join(", "),
      validMinutes: String(link.validMinutes),
      maxUploads: String(link.maxUploads),
      maxFileMegabytes: link.maxFileBytes ? String(link.maxFileBytes / (1024n * 1024n)) : "",
      maxDurationSeconds: link.maxDurationSeconds ? String(link.maxDurationSeconds) : "",
      uploadQuota: link.uploadQuota ? String(link.uploadQuota) : "",
      expiresAt: link.expiresAt ? localDateTime(link.expiresAt) : "",
      notifyEmails: [...members.filter((m) => link.notifyMemberIds.includes(m.id)).map((m) => m.email), ...link.notifyEmails].join("\n"),
      notifyMode: link.notifyMode,
      withdrawPolicy: link.withdrawPolicy,
      language: link.language ?? "",
    },
    flags: { publish: link.publish, membersOnly: link.membersOnly, active: link.active, notifyReady: link.notifyReady },
    albumIds: link.albumIds,
    customVariables: Object.entries(vars).map(([key, value]) => ({ key, value: String(value) })),
    recording: {
      allowRecord: link.allowRecord,
      allowUpload: link.allowUpload,
      allowScreen: link.allowScreen,
      recordMode: link.recordMode,
      questions: storedQuestions(link.questions),
      maxRecordSeconds: link.maxRecordSeconds,
    },
  };
}
