import Link from "next/link";

// Rendered per request so the CSP nonce (proxy.ts) reaches its scripts.
export const dynamic = "force-dynamic";

export default function Home() {
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <h1 className="text-3xl font-bold">Upload portal for TwentyThree</h1>
      <p className="mt-4 text-lg text-slate-700">
        Collect customer testimonials and team media: share an intake link, and visitors upload their video straight to your TwentyThree site. The portal never
        touches the file; it only prepares a one-time upload token and records what arrives.
      </p>
      <ul className="mt-8 space-y-3">
        <li>
          <Link className="font-medium text-blue-700 underline" href="/admin">
            Open the admin
          </Link>{" "}
          to set up connections and intake links, and review uploads.
        </li>
        <li>
          <Link className="font-medium text-blue-700 underline" href="/u/demo">
            Try the demo intake link
          </Link>{" "}
          (<code>/u/demo</code>, seeded when running on the embedded defaults).
        </li>
      </ul>
    </main>
  );
}
