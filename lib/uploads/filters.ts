// The dashboard's filter, parsed once from URL search params (page, JSON endpoint and CSV export
// share it, so an export is exactly "what the list shows").
import { z } from "zod";
import { UPLOAD_STATES } from "./states";

export { UPLOAD_STATES, type UploadStateName } from "./states";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date such as 2026-11-27")
    .optional(),
);

export const uploadFilterSchema = z.object({
  link: z.preprocess(blankToUndefined, z.uuid().optional()),
  /** A state, or WAITING: received or verified, nobody has moderated it yet. */
  state: z.preprocess(blankToUndefined, z.enum([...UPLOAD_STATES, "WAITING"]).optional()),
  /** Inclusive first day (UTC), YYYY-MM-DD. */
  from: day,
  /** Inclusive last day (UTC), YYYY-MM-DD. */
  to: day,
  q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
});
export type UploadFilter = z.infer<typeof uploadFilterSchema>;

/** Unknown or malformed values are dropped rather than failing the page: a bad bookmark still lists. */
export function parseUploadFilter(input: URLSearchParams | Record<string, string | string[] | undefined>): UploadFilter {
  const get = (k: string) => {
    if (input instanceof URLSearchParams) return input.get(k) ?? undefined;
    const v = input[k];
    return Array.isArray(v) ? v[0] : v;
  };
  const out: UploadFilter = {};
  for (const key of ["link", "state", "from", "to", "q"] as const) {
    const one = uploadFilterSchema.shape[key].safeParse(get(key));
    if (one.success && one.data !== undefined) (out as Record<string, unknown>)[key] = one.data;
  }
  return out;
}

export function filterToSearchParams(f: UploadFilter, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, String(v));
  return p;
}

/** Half-open UTC range [from 00:00, to+1 00:00). */
export function dateBounds(f: UploadFilter): { gte?: Date; lt?: Date } {
  const out: { gte?: Date; lt?: Date } = {};
  if (f.from) out.gte = new Date(`${f.from}T00:00:00.000Z`);
  if (f.to) out.lt = new Date(new Date(`${f.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return out;
}

// Keyset cursor: the (created_at, id) of the last row shown, opaque to the browser.
const cursorSchema = z.object({ t: z.iso.datetime(), id: z.uuid() });
export type Cursor = { createdAt: Date; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ t: c.createdAt.toISOString(), id: c.id })).toString("base64url");
}

export function decodeCursor(raw: string | null | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? { createdAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}
