import { currentActor, refusalFor } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { getLink } from "@/lib/links/data";
import { publicUrlFor, qrSvg } from "@/lib/links/qr";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refusal = refusalFor(await currentActor(), "ADMIN");
  if (refusal) return Response.json({ error: refusal.message }, { status: refusal.status });
  const { id } = await params;
  const link = /^[0-9a-f-]{36}$/i.test(id) ? await getLink(db(), id) : null;
  if (!link) return Response.json({ error: "Not found" }, { status: 404 });
  return new Response(await qrSvg(publicUrlFor(link.slug)), {
    headers: { "content-type": "image/svg+xml", "cache-control": "private, no-store", "content-disposition": `attachment; filename="${link.slug}-qr.svg"` },
  });
}
