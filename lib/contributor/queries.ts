// What the contributor's pages read: the checked receipt, then only that visit's rows.
import "server-only";
import { cache } from "react";
import { checkReceipt } from "./receipt";
import { pendingReplacement } from "./replace";
import { contributorData, contributorView } from "./view";

export type PageLoad = { ok: true; view: NonNullable<Awaited<ReturnType<typeof contributorView>>> } | { ok: false; reason: "invalid" | "expired" | "revoked" };

export const loadContributorPage = cache(async (raw: string): Promise<PageLoad> => {
  const check = await checkReceipt(raw);
  if (!check.ok) return check;
  const view = await contributorView(check.receipt.id);
  return view ? { ok: true, view } : { ok: false, reason: "invalid" };
});

export async function loadReplacement(raw: string, replacementId: string) {
  const check = await checkReceipt(raw);
  if (!check.ok || !/^[0-9a-f-]{36}$/.test(replacementId)) return null;
  return pendingReplacement(check.receipt.id, replacementId);
}

export async function loadContributorData(raw: string) {
  const check = await checkReceipt(raw);
  if (!check.ok) return check;
  const data = await contributorData(check.receipt.id);
  return data ? { ok: true as const, data } : { ok: false as const, reason: "invalid" as const };
}
