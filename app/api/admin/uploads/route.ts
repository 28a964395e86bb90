// JSON page of uploads for the dashboard's polling (React Query). Same filter and cursor as
// the page's URL, so the list the server rendered and the list the browser refreshes agree.
import { NextResponse, type NextRequest } from "next/server";
import { currentActor, refusalFor } from "@/lib/auth/guard";
import { log } from "@/lib/log";
import { decodeCursor, parseUploadFilter } from "@/lib/uploads/filters";
import { listUploads } from "@/lib/uploads/query";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  const refusal = refusalFor(await currentActor(), "USER");
  if (refusal) return NextResponse.json({ error: refusal.message }, { status: refusal.status });
  const params = req.nextUrl.searchParams;
  try {
    const page = await listUploads(parseUploadFilter(params), decodeCursor(params.get("cursor")));
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  } catch (err) {
    log.error("uploads list failed", { error: err instanceof Error ? err.message : String(err) });
    return NextResponse.json({ error: "The list could not be loaded." }, { status: 500 });
  }
}
