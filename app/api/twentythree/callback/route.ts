// TwentyThree's callback: GET (301 redirect or background call) and POST (the auto-submitting
// form used when the callback data is long). Verify → parse → record → answer (lib/intake/receive.ts).
import type { NextRequest } from "next/server";
import { clientIp } from "@/lib/http/client-ip";
import { htmlPage } from "@/lib/http/html-page";
import { receiveCallback } from "@/lib/intake/receive";

export const dynamic = "force-dynamic";

function firstValues(entries: Iterable<[string, FormDataEntryValue | string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (typeof v === "string" && !Object.hasOwn(out, k)) out[k] = v;
  return out;
}

export async function GET(req: NextRequest) {
  return receiveCallback("GET", firstValues(req.nextUrl.searchParams.entries()), clientIp(req.headers));
}

export async function POST(req: NextRequest) {
  const type = req.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    return htmlPage(415, "Unsupported callback", "Callbacks are accepted as GET or as a form-encoded POST.");
  }
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > 256 * 1024) return htmlPage(413, "Callback too large", "Callbacks are small; this one is not.");
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return htmlPage(400, "Malformed callback", "The callback body could not be read.");
  }
  return receiveCallback("POST", firstValues(form.entries()), clientIp(req.headers));
}
