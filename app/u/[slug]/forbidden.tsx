import { PublicShell } from "@/components/public/shell";

// A personal invitation that was revoked or has expired (403). Next renders this boundary apart
// from the page, so it cannot know which of the two: it names both. A guessed or altered
// invitation gets the link's not-found page (404) instead.
export default function InviteRefused() {
  return (
    <PublicShell>
      <h1 className="text-2xl font-bold">This invitation no longer works</h1>
      <p className="mt-3 text-slate-700">The team withdrew it, or its time ran out. Ask the team that invited you for a new link.</p>
    </PublicShell>
  );
}
