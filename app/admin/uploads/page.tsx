import type { Metadata } from "next";
import { FilterForm } from "@/components/uploads/filter-form";
import { QueryProvider } from "@/components/ui/query-provider";
import { UploadsTable } from "@/components/uploads/uploads-table";
import { requireUser } from "@/lib/auth/guard";
import { decodeCursor, filterToSearchParams, parseUploadFilter } from "@/lib/uploads/filters";
import { linkOptions, listUploads } from "@/lib/uploads/query";

export const metadata: Metadata = { title: "Uploads" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function UploadsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser("/admin/uploads");
  const params = await searchParams;
  const filter = parseUploadFilter(params);
  const rawCursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const cursor = decodeCursor(rawCursor);
  const [page, links] = await Promise.all([listUploads(filter, cursor), linkOptions()]);
  const filterQuery = filterToSearchParams(filter).toString();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">Uploads</h1>
        <a href={`/api/admin/uploads/export${filterQuery ? `?${filterQuery}` : ""}`} download className="text-sm font-semibold text-blue-800 underline">
          Export these as CSV
        </a>
      </div>
      <FilterForm filter={filter} links={links} />
      <QueryProvider>
        <UploadsTable initial={page} filterQuery={filterQuery} cursor={cursor ? rawCursor : undefined} />
      </QueryProvider>
    </div>
  );
}
