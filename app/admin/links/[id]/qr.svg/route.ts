import { currentActor, refusalFor } from "@/lib/auth/guard";
import { linkById } from "@/lib/links/queries";
import { publicUrlFor, qrSvg } from "@/lib/links/qr";

export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const refusal = refusalFor(await currentActor(), "ADMIN");
  if (refusal) return Response.json({ error: refusal.message }, { status: refusal.status });
  const { id } = await params;
  const link = await linkById(id);
  if (!link) return Response.json({ error: "Not found" }, { status: 404 });
  return new Response(await qrSvg(publicUrlFor(link.slug)), {
    headers: { "content-type": "image/svg+xml", "cache-control": "private, no-store", "content-disposition": `attachment; filename="${link.slug}-qr.svg"` },
  });
}
