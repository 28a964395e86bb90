// CSV of the current filter, streamed from Postgres in keyset batches.
import { log } from "@/lib/log";
import { route } from "@/lib/server/route";
import { exportCsvStream } from "@/lib/uploads/csv";
import { parseUploadFilter } from "@/lib/uploads/filters";
import { uploadListQuerySchema } from "@/lib/uploads/schema";

export const dynamic = "force-dynamic";

export const GET = route({
  name: "uploadsExport",
  who: "member",
  schema: uploadListQuerySchema,
  read: (req) => ({ search: req.nextUrl.searchParams }),
  run: async ({ search }, actor) => {
    const filter = parseUploadFilter(search);
    log.info("uploads exported", { userId: actor.id, filter });
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
    const body = exportCsvStream(filter, {
      onError: (err) => log.error("uploads export failed mid-stream", { error: err instanceof Error ? err.message : String(err) }),
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="uploads-${stamp}.csv"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
});
