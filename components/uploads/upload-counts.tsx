// Counts for the dashboard home; each number links to the uploads list that makes it up.
import { TableHead } from "@/components/ui/table";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { UploadCounts } from "@/lib/uploads/counts";

export function UploadCountsSection({ counts }: { counts: UploadCounts }) {
  const stat = (label: string, value: number, href: string) => (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-bold">
        <Link href={href} className="text-blue-900 underline decoration-slate-300 hover:decoration-blue-800">
          {value}
        </Link>
      </dd>
    </div>
  );
  return (
    <section aria-labelledby="upload-counts" className="space-y-4">
      <h2 id="upload-counts" className="text-lg font-semibold">
        Uploads
      </h2>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        {stat("Today (UTC)", counts.today, `/admin/uploads?from=${counts.since.today}`)}
        {stat("This week (since Monday, UTC)", counts.thisWeek, `/admin/uploads?from=${counts.since.week}`)}
        {stat("Waiting for review", counts.waitingForReview, "/admin/uploads?state=WAITING")}
      </dl>
      {counts.perLink.length ? (
        <Card title="Per link">
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Uploads per intake link</caption>
              <TableHead
                columns={[
                  { label: "Link", className: "py-2 pr-3" },
                  { label: "Uploads", className: "py-2 pr-3 text-right" },
                  { label: "Waiting for review", className: "py-2 text-right" },
                ]}
              />
              <tbody className="divide-y divide-slate-100">
                {counts.perLink.map((l) => (
                  <tr key={l.linkId}>
                    <th scope="row" className="py-2 pr-3 text-left font-normal">
                      <Link href={`/admin/uploads?link=${l.linkId}`} className="text-blue-800 underline">
                        {l.title}
                      </Link>
                    </th>
                    <td className="py-2 pr-3 text-right tabular-nums">{l.total}</td>
                    <td className="py-2 text-right tabular-nums">{l.waiting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </section>
  );
}
