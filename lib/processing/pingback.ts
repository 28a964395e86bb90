// TwentyThree's pingback (protocol §7): `POST <url>?type=photo&photo_id=N`, no signature and no
// body worth trusting. It is only a hint to look now: the photo_id picks this portal's confirmed
// rows for that object (at most one per connection), and each is re-read from TwentyThree through
// its own upload token (lib/processing/follow.ts). A forged pingback therefore changes nothing that
// TwentyThree does not itself say; it can only make us ask early, so it is rate-limited per client.
import { z } from "zod";
import { consume } from "@/lib/limits";
import { log } from "@/lib/log";
import { db } from "@/lib/db";
import { followableWhere, followProcessing } from "./follow";

export const PINGBACK_LIMIT = { max: 120, windowMs: 60_000 };

const query = z.object({ type: z.string().max(20), photo_id: z.string().regex(/^\d{1,20}$/) });

export type PingbackAnswer = { status: number; text: string; retryAfter?: number };

export async function receivePingback(params: Record<string, string>, ip: string): Promise<PingbackAnswer> {
  const parsed = query.safeParse(params);
  if (!parsed.success) return { status: 400, text: "expected ?type=photo&photo_id=<number>" };
  const limited = await consume([{ key: `pingback:${ip}`, ...PINGBACK_LIMIT }]);
  if (!limited.ok) return { status: 429, text: "too many pingbacks", retryAfter: limited.retryAfterSeconds };
  // Other object types (albums, users …) carry nothing the portal follows.
  if (parsed.data.type !== "photo") return { status: 200, text: "ok" };
  const rows = await db().upload.findMany({
    where: { ...followableWhere, photoId: parsed.data.photo_id, OR: [{ processing: null }, { processing: "PROCESSING" }] },
    select: { id: true },
    take: 10,
  });
  for (const r of rows) {
    // A change it finds is recorded and announced by followProcessing (the event outbox).
    await followProcessing(r.id, { timeoutMs: 5000 });
  }
  if (rows.length) log.info("pingback: re-read uploads", { photoId: parsed.data.photo_id, rows: rows.length });
  // The same answer whether or not the object is ours: a pingback learns nothing.
  return { status: 200, text: "ok" };
}
