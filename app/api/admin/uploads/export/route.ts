// CSV of the current filter, streamed from Postgres in keyset batches.
import { NextResponse, type NextRequest } from "next/server";
import { currentActor, refusalFor } from "@/lib/auth/guard";
import { log } from "@/lib/log";
import { exportCsvStream } from "@/lib/uploads/csv";
import { parseUploadFilter } from "@/lib/uploads/filters";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const actor = await currentActor();
  const refusal = refusalFor(actor, "USER");
  if (refusal) return NextResponse.json({ error: refusal.message }, { status: refusal.status });
  const filter = parseUploadFilter(req.nextUrl.searchParams);
  log.info("uploads exported", { userId: actor!.id, filter });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  const body = exportCsvStream(filter, { onError: (err) => log.error("uploads export failed mid-stream", { error: err instanceof Error ? err.message : String(err) }) });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="uploads-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
