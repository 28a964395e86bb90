// The invitations funnel and rows for the admin page's polling (React Query), so the counts move
// while invitees open, start and upload, without a reload.
import { NextResponse } from "next/server";
import { funnelQuerySchema } from "@/lib/invitations/schema";
import { invitationsView } from "@/lib/invitations/queries";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route({
  name: "invitationsFunnel",
  who: "admin",
  schema: funnelQuerySchema,
  read: (_req, params) => ({ linkId: params.id }),
  failure: "The invitations could not be loaded.",
  run: async ({ linkId }) => NextResponse.json(await invitationsView(linkId), { headers: { "cache-control": "no-store" } }),
});
