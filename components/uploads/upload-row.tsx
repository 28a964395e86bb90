// One row of the uploads list: choose it for a bulk action, see its thumbnail, contributor,
// title, state and size, and open it for review.
import Link from "next/link";
import type { UploadPage } from "@/lib/uploads/query";
import { formatBytes, formatLength, formatWhen } from "@/lib/format";
import { ProcessingBadge } from "@/components/uploads/processing-badge";
import { StateBadge } from "@/components/uploads/state-badge";
import { WithdrawnBadge } from "@/components/contributor/withdrawn-badge";

type Row = UploadPage["rows"][number];

export function UploadRow({ r, selected, onToggle }: { r: Row; selected: boolean; onToggle: (id: string, on: boolean) => void }) {
  const who = r.contributorName || r.contributorEmail || "Anonymous";
  return (
    <tr data-upload-id={r.id}>
      <td className="px-3 py-2">
        <input
          type="checkbox"
          className="h-5 w-5"
          aria-label={`Select upload from ${who}${r.title ? `: ${r.title}` : ""}`}
          checked={selected}
          onChange={(e) => onToggle(r.id, e.target.checked)}
        />
      </td>
      <td className="px-3 py-2">
        {/* TwentyThree's own URL (its domain is in the CSP's img-src): nothing is proxied or optimised. */}
        {r.thumbnailUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- TwentyThree's own URL: nothing to optimise or proxy
          <img
            src={r.thumbnailUrl}
            alt=""
            width={80}
            height={60}
            loading="lazy"
            className="h-[45px] w-[60px] rounded bg-slate-200 object-cover"
            data-testid="thumbnail"
          />
        ) : (
          <span className="block h-[45px] w-[60px] rounded bg-slate-100" />
        )}
      </td>
      <th scope="row" className="px-3 py-2 text-left font-normal">
        <Link href={`/admin/uploads/${r.id}`} className="font-medium text-blue-800 underline">
          {who}
        </Link>
        {r.contributorEmail && r.contributorName ? <div className="text-xs text-slate-600">{r.contributorEmail}</div> : null}
      </th>
      <td className="max-w-xs truncate px-3 py-2">{r.title || <span className="text-slate-500">Untitled</span>}</td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-1">
          <StateBadge state={r.state} />
          <WithdrawnBadge at={r.withdrawnAt} />
          <ProcessingBadge processing={r.processing} percent={r.processingPercent} />
        </div>
      </td>
      <td className="hidden px-3 py-2 md:table-cell">{r.linkTitle}</td>
      <td className="hidden px-3 py-2 sm:table-cell">{formatBytes(r.sizeBytes)}</td>
      <td className="hidden px-3 py-2 sm:table-cell">{formatLength(r.videoLength)}</td>
      <td className="whitespace-nowrap px-3 py-2">
        <time dateTime={r.createdAt}>{formatWhen(r.createdAt)}</time>
      </td>
    </tr>
  );
}
