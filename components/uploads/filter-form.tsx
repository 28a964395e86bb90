// Plain GET form: filters live in the URL, so they can be bookmarked, shared and exported, and
// work without JavaScript.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import type { UploadFilter } from "@/lib/uploads/filters";
import { STATE_TEXT, UPLOAD_STATES } from "@/lib/uploads/states";

const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm";
const label = "block text-sm font-medium text-slate-800";

export function FilterForm({ filter, links }: { filter: UploadFilter; links: Array<{ id: string; title: string; slug: string }> }) {
  return (
    <form method="get" action="/admin/uploads" role="search" aria-label="Filter uploads" className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6">
      <div className="lg:col-span-2">
        <label htmlFor="f-q" className={label}>
          Search
        </label>
        <input id="f-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Name, email or title" className={control} />
      </div>
      <div>
        <label htmlFor="f-link" className={label}>
          Link
        </label>
        <select id="f-link" name="link" defaultValue={filter.link ?? ""} className={control}>
          <option value="">All links</option>
          {links.map((l) => (
            <option key={l.id} value={l.id}>
              {l.title} (/u/{l.slug})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-state" className={label}>
          State
        </label>
        <select id="f-state" name="state" defaultValue={filter.state ?? ""} className={control}>
          <option value="">Any state</option>
          <option value="WAITING">Waiting for review</option>
          {UPLOAD_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_TEXT[s].staff}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="f-from" className={label}>
          From (UTC)
        </label>
        <input id="f-from" name="from" type="date" defaultValue={filter.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="f-to" className={label}>
          To (UTC)
        </label>
        <input id="f-to" name="to" type="date" defaultValue={filter.to ?? ""} className={control} />
      </div>
      <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-6">
        <button type="submit" className={buttonClass("primary")}>
          Apply filters
        </button>
        <Link href="/admin/uploads" className={buttonClass("ghost")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
