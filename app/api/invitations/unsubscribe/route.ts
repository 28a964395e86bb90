// RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the address in
// the invitation e-mail's List-Unsubscribe header. No sign-in; the signed token is the permission.
import { htmlPage } from "@/lib/http/html-page";
import { unsubscribe } from "@/lib/invitations/access";
import { unsubscribeSchema } from "@/lib/invitations/schema";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const POST = route({
  name: "invitationUnsubscribe",
  who: "anyone",
  schema: unsubscribeSchema,
  read: (req) => ({ token: req.nextUrl.searchParams.get("t") ?? "" }),
  invalid: () => htmlPage(400, "This unsubscribe link is not valid", "Open it from the e-mail again."),
  run: async ({ token }) => {
    const r = await unsubscribe(token);
    if (!r.ok) return htmlPage(403, "This unsubscribe link is not valid", "Open it from the e-mail again.");
    return htmlPage(200, "Unsubscribed", `You will get no more e-mails about “${r.linkTitle}”.`);
  },
});
