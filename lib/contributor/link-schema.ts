// The link setting of issue #17's contributor page, merged into lib/links/schema.ts with one
// line each so the link form stays one schema. Client-safe (zod only).
import { z } from "zod";

export const WITHDRAW_POLICIES = ["unpublish", "delete"] as const;

export const contributorLinkSchema = z.object({
  /** What a contributor's "withdraw consent" does on TwentyThree. */
  withdrawPolicy: z.enum(WITHDRAW_POLICIES, { error: "Choose what withdrawing consent does." }).default("unpublish"),
});

export const contributorLinkInput = (f: FormData) => ({ withdrawPolicy: String(f.get("withdrawPolicy") ?? "") || undefined });
