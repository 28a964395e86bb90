// The link's QR code as an SVG download, for admins.
import { linkIdParamSchema } from "@/lib/links/schema";
import { linkById } from "@/lib/links/queries";
import { publicUrlFor, qrSvg } from "@/lib/links/qr";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const notFound = () => Response.json({ error: "Not found" }, { status: 404 });

export const GET = route({
  name: "linkQr",
  who: "admin",
  schema: linkIdParamSchema,
  read: (_req, params) => ({ id: params.id }),
  invalid: notFound,
  run: async ({ id }) => {
    const link = await linkById(id);
    if (!link) return notFound();
    return new Response(await qrSvg(publicUrlFor(link.slug)), {
      headers: { "content-type": "image/svg+xml", "cache-control": "private, no-store", "content-disposition": `attachment; filename="${link.slug}-qr.svg"` },
    });
  },
});
