// Intake links: reads for the admin (with per-link counts) and the writes behind its actions.
import "server-only";
import type { IntakeLink } from "@/generated/prisma/client";
import { db, isUniqueViolation } from "@/lib/db";
import type { LinkInput } from "@/lib/links/schema";
import { recipientColumns } from "./recipients";

export type LinkCounts = { tokens: number; received: number; verified: number; failed: number };
const emptyCounts = (): LinkCounts => ({ tokens: 0, received: 0, verified: 0, failed: 0 });

/** Per-link counts: tokens minted, uploads received (any state), verified (incl. published), failed. */
export async function countsFor(linkIds: string[]): Promise<Map<string, LinkCounts>> {
  const out = new Map(linkIds.map((id) => [id, emptyCounts()]));
  if (!linkIds.length) return out;
  const [tokens, uploads] = await Promise.all([
    db().uploadToken.groupBy({ by: ["linkId"], where: { linkId: { in: linkIds } }, _count: { _all: true } }),
    db().upload.groupBy({ by: ["linkId", "state"], where: { linkId: { in: linkIds } }, _count: { _all: true } }),
  ]);
  for (const t of tokens) out.get(t.linkId)!.tokens = t._count._all;
  for (const u of uploads) {
    const c = out.get(u.linkId)!;
    c.received += u._count._all;
    if (u.state === "VERIFIED" || u.state === "PUBLISHED") c.verified += u._count._all;
    if (u.state === "FAILED") c.failed += u._count._all;
  }
  return out;
}

export async function listLinks() {
  const links = await db().intakeLink.findMany({
    where: { deletedAt: null },
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
    include: { connection: { select: { name: true } } },
  });
  const counts = await countsFor(links.map((l) => l.id));
  return links.map((l) => ({ ...l, counts: counts.get(l.id) ?? emptyCounts() }));
}

export function getLink(id: string) {
  return db().intakeLink.findFirst({ where: { id, deletedAt: null }, include: { connection: { select: { id: true, name: true } } } });
}

function dataOf(input: LinkInput) {
  const { maxFileMegabytes, customVariables, recording, ...rest } = input;
  return {
    ...rest,
    ...recording,
    customVariables,
    maxFileBytes: maxFileMegabytes ? BigInt(maxFileMegabytes) * 1024n * 1024n : null,
    maxDurationSeconds: input.maxDurationSeconds ?? null,
    uploadQuota: input.uploadQuota ?? null,
  };
}

export type SaveResult = { ok: true; link: IntakeLink } | { ok: false; field: "slug" | "connectionId"; message: string };

async function checkConnection(id: string): Promise<SaveResult | null> {
  const conn = await db().connection.findUnique({ where: { id }, select: { id: true } });
  return conn ? null : { ok: false, field: "connectionId", message: "That connection no longer exists." };
}

const SLUG_TAKEN = "That slug is already used by another link (perhaps a deleted one). Choose another.";

export async function createLink(input: LinkInput, createdById: string): Promise<SaveResult> {
  const bad = await checkConnection(input.connectionId);
  if (bad) return bad;
  try {
    return { ok: true, link: await db().intakeLink.create({ data: { ...dataOf(input), ...(await recipientColumns(input.notifyEmails)), createdById } }) };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "slug", message: SLUG_TAKEN };
    throw err;
  }
}

export async function updateLink(id: string, input: LinkInput): Promise<SaveResult | null> {
  const bad = await checkConnection(input.connectionId);
  if (bad) return bad;
  try {
    const r = await db().intakeLink.updateMany({
      where: { id, deletedAt: null },
      data: { ...dataOf(input), ...(await recipientColumns(input.notifyEmails)) },
    });
    if (r.count === 0) return null;
    return { ok: true, link: await db().intakeLink.findUniqueOrThrow({ where: { id } }) };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, field: "slug", message: SLUG_TAKEN };
    throw err;
  }
}

/** A copy with a free slug ("<slug>-copy", "-copy-2", …), left inactive until reviewed. */
export async function duplicateLink(id: string, createdById: string): Promise<IntakeLink | null> {
  const src = await db().intakeLink.findFirst({ where: { id, deletedAt: null } });
  if (!src) return null;
  const base = `${src.slug.slice(0, 52)}-copy`;
  for (let n = 1; n < 50; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (await db().intakeLink.findUnique({ where: { slug }, select: { id: true } })) continue;
    const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, customVariables, questions, ...rest } = src;
    try {
      return await db().intakeLink.create({
        data: { ...rest, customVariables: customVariables ?? {}, questions: questions ?? [], slug, title: `${src.title} (copy)`, active: false, createdById },
      });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  throw new Error("no free slug for the copy");
}

export async function setActive(id: string, active: boolean): Promise<boolean> {
  return (await db().intakeLink.updateMany({ where: { id, deletedAt: null }, data: { active } })).count === 1;
}

/** Removed for good when nothing refers to it; otherwise soft-deleted so uploads keep their link. */
export async function deleteLink(id: string): Promise<"deleted" | "archived" | "missing"> {
  return db().$transaction(async (tx) => {
    const link = await tx.intakeLink.findFirst({ where: { id, deletedAt: null }, select: { id: true, _count: { select: { tokens: true, uploads: true } } } });
    if (!link) return "missing";
    if (link._count.tokens + link._count.uploads === 0) {
      await tx.intakeLink.delete({ where: { id } });
      return "deleted";
    }
    await tx.intakeLink.update({ where: { id }, data: { deletedAt: new Date(), active: false } });
    return "archived";
  });
}
