// Plain GET form: filters live in the URL, so they can be bookmarked, shared and exported, and
// work without JavaScript.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { UploadFilter } from "@/lib/uploads/filters";
import { STATE_TEXT, UPLOAD_STATES } from "@/lib/uploads/states";

export function FilterForm({ filter, links }: { filter: UploadFilter; links: Array<{ id: string; title: string; slug: string }> }) {
  return (
    <form
      method="get"
      action="/admin/uploads"
      role="search"
      aria-label="Filter uploads"
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-6"
    >
      <div className="lg:col-span-2">
        <TextField id="f-q" label="Search" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="Name, email or title" />
      </div>
      <SelectField id="f-link" label="Link" name="link" defaultValue={filter.link ?? ""}>
        <option value="">All links</option>
        {links.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title} (/u/{l.slug})
          </option>
        ))}
      </SelectField>
      <SelectField id="f-state" label="State" name="state" defaultValue={filter.state ?? ""}>
        <option value="">Any state</option>
        <option value="WAITING">Waiting for review</option>
        {UPLOAD_STATES.map((s) => (
          <option key={s} value={s}>
            {STATE_TEXT[s].staff}
          </option>
        ))}
      </SelectField>
      <TextField id="f-from" label="From (UTC)" name="from" type="date" defaultValue={filter.from ?? ""} />
      <TextField id="f-to" label="To (UTC)" name="to" type="date" defaultValue={filter.to ?? ""} />
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
