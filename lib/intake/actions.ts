"use server";
// The public intake actions, declared through lib/server/action.ts. Anyone may call them; the
// link itself decides (open? members only?) in resolveVisitor, checked in every action.
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { parseDetails, type FieldErrors } from "@/lib/intake/details";
import { closedMessages, lookupLink } from "@/lib/intake/links";
import { mintToken } from "@/lib/intake/mint";
import { actionGate, gateRefusal, requesterIp } from "@/lib/intake/request";
import { DETAIL_KEYS, prepareUploadSchema, startUploadSchema } from "@/lib/intake/schema";
import { defineAction, formAction } from "@/lib/server/action";

export type DetailsState = {
  ok?: boolean;
  fieldErrors?: FieldErrors;
  message?: string;
  retryable?: boolean;
  values?: Record<string, string>;
};

function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of DETAIL_KEYS) {
    const v = formData.get(k);
    if (typeof v === "string") out[k] = v.slice(0, 10_000);
  }
  return out;
}

type Visitor = {
  ok: true;
  link: Extract<Awaited<ReturnType<typeof lookupLink>>, { kind: "open" }>["link"];
  userId?: string;
  contributor?: { name?: string; email?: string };
};

/** The open link and, for members-only links, the signed-in member; checked in every action. */
async function resolveVisitor(slug: string): Promise<Visitor | { ok: false; message: string }> {
  const r = await lookupLink(slug);
  if (r.kind !== "open") return { ok: false, message: closedMessages[r.kind].title + "." };
  if (!r.link.membersOnly) return { ok: true, link: r.link };
  const session = await auth();
  if (!session?.user?.id) return { ok: false, message: "Please sign in to upload to this link." };
  return { ok: true, link: r.link, userId: session.user.id, contributor: { name: session.user.name ?? undefined, email: session.user.email ?? undefined } };
}

/** Step one without JavaScript: validate the visitor's details, mint a token, go to the upload step. */
export const startUpload = formAction<"anyone", typeof startUploadSchema, DetailsState>({
  name: "startUpload",
  who: "anyone",
  schema: startUploadSchema,
  read: (f) => ({ slug: String(f.get("slug") ?? ""), values: formValues(f) }),
  // A malformed slug names no link: the same answer as an unknown one.
  invalid: (_error, f) => ({ message: closedMessages.unknown.title + ".", values: formValues(f) }),
  run: async ({ slug, values }) => {
    const gate = await actionGate();
    const visitor = await resolveVisitor(slug);
    if (!visitor.ok) return { message: (await gateRefusal(gate)) ?? visitor.message, values };
    const { link, userId, contributor } = visitor;
    const parsed = parseDetails(link, values, { member: Boolean(userId) });
    if (!parsed.ok) {
      const refused = await gateRefusal(gate);
      return refused ? { message: refused, values } : { fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields.", values };
    }
    const minted = await mintToken({ link, details: parsed.details, requesterIp: await requesterIp(), userId, contributor, gate });
    if (!minted.ok) return { message: minted.message, retryable: minted.retryable, values };
    redirect(`/u/${slug}/upload?ticket=${encodeURIComponent(minted.ticket)}`);
  },
});

export type PreparedToken = { uploadToken: string; redeemUrl: string; ticket: string; validUntil: string; maxUploads: number };
export type PrepareResult = { ok: true; token: PreparedToken } | { ok: false; fieldErrors?: FieldErrors; message: string; retryable?: boolean };

const prepare = defineAction<"anyone", typeof prepareUploadSchema, PrepareResult>({
  name: "prepareUpload",
  who: "anyone",
  schema: prepareUploadSchema,
  invalid: () => ({ ok: false, message: "Something went wrong while preparing your upload. Please reload the page and try again." }),
  run: async (input) => {
    // The intake gate's limit for this call (proxy.ts leaves it to us): with the mint's limits in
    // one statement when minting, on its own when the call stops before (issue #20).
    const gate = await actionGate();
    const visitor = await resolveVisitor(input.slug);
    if (!visitor.ok) return { ok: false, message: (await gateRefusal(gate)) ?? visitor.message };
    const { link, userId, contributor } = visitor;
    const parsed = parseDetails(link, input.values, { member: Boolean(userId) });
    if (!parsed.ok) {
      const refused = await gateRefusal(gate);
      return refused
        ? { ok: false, message: refused, retryable: true }
        : { ok: false, fieldErrors: parsed.fieldErrors, message: "Please check the highlighted fields." };
    }
    const maxUploads = Math.min(input.fileCount, link.maxUploads);
    const minted = await mintToken({
      link,
      details: parsed.details,
      requesterIp: await requesterIp(),
      userId,
      contributor,
      background: input.background,
      maxUploads,
      gate,
    });
    if (!minted.ok) return { ok: false, message: minted.message, retryable: minted.retryable };
    return {
      ok: true,
      token: {
        uploadToken: minted.uploadToken,
        redeemUrl: minted.redeemUrl,
        ticket: minted.ticket,
        validUntil: minted.validUntil.toISOString(),
        maxUploads: minted.maxUploads,
      },
    };
  },
});

/**
 * With JavaScript: validate the details and mint a token for `fileCount` files (never more than
 * the link allows), just when the visitor presses Upload. The browser sends the files straight
 * to `redeemUrl`; the ticket lets it follow the uploads' state.
 */
export async function prepareUpload(slug: string, values: Record<string, string>, opts: { fileCount: number; background: boolean }): Promise<PrepareResult> {
  return prepare({ slug, values, fileCount: opts?.fileCount, background: opts?.background }, undefined);
}
