// JSON page of uploads for the dashboard's polling (React Query). Same filter and cursor as
// the page's URL, so the list the server rendered and the list the browser refreshes agree.
import { NextResponse } from "next/server";
import { route } from "@/lib/server/route";
import { decodeCursor, parseUploadFilter } from "@/lib/uploads/filters";
import { listUploads } from "@/lib/uploads/query";
import { uploadListQuerySchema } from "@/lib/uploads/schema";

export const dynamic = "force-dynamic";

export const GET = route({
  name: "uploadsList",
  who: "member",
  schema: uploadListQuerySchema,
  read: (req) => ({ search: req.nextUrl.searchParams }),
  failure: "The list could not be loaded.",
  run: async ({ search }) => {
    const page = await listUploads(parseUploadFilter(search), decodeCursor(search.get("cursor")));
    return NextResponse.json(page, { headers: { "cache-control": "no-store" } });
  },
});
