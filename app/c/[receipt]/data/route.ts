// "Download my data": the contributor's own record as JSON, behind the same signed link.
import { z } from "zod";
import { loadContributorData } from "@/lib/contributor/queries";
import { visitorTranslator } from "@/lib/i18n/server";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route({
  name: "contributor-data",
  who: "anyone",
  schema: z.object({ receipt: z.string().min(1).max(200) }),
  read: (_req, params) => ({ receipt: params.receipt }),
  run: async ({ receipt }) => {
    const r = await loadContributorData(receipt);
    // The same words as the page behind the same link (contributor.invalidTitle…), in its language.
    if (!r.ok)
      return Response.json(
        { error: `${(await visitorTranslator("contributor")).t(`${r.reason}Title`)}.` },
        { status: r.reason === "invalid" ? 404 : 410, headers: { "cache-control": "no-store" } },
      );
    return new Response(JSON.stringify(r.data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": 'attachment; filename="my-data.json"',
        "cache-control": "no-store",
        "referrer-policy": "no-referrer",
      },
    });
  },
});
