// The copyable embed code for one link (issue #18): an iframe that delegates camera, microphone
// and screen capture (for recording), plus the portal's small optional script that sizes it and
// re-dispatches the page's events on the iframe element.
import { CopyButton } from "./copy-button";

export function embedSnippet(publicUrl: string, title: string): string {
  const origin = new URL(publicUrl).origin;
  const safeTitle = title.replace(/[<>"&]/g, "");
  // The script first and not async: it must listen before the frame can say it is ready.
  return [
    `<script src="${origin}/embed.js"></script>`,
    `<iframe src="${publicUrl}" title="${safeTitle}" data-intake allow="camera; microphone; display-capture" style="width:100%;min-height:640px;border:0"></iframe>`,
  ].join("\n");
}

export function EmbedSnippet({ publicUrl, title, origins }: { publicUrl: string; title: string; origins: string[] }) {
  const code = embedSnippet(publicUrl, title);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        {origins.length ? `Allowed on: ${origins.join(", ")}.` : "No site is allowed to embed this link yet: add its origin under Branding below."}
      </p>
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs" data-testid="embed-snippet">
        {code}
      </pre>
      <CopyButton text={code} label="Copy embed code" />
      <p className="text-sm text-slate-600">
        The script sizes the frame to the page and fires <code>intake:ready</code>, <code>upload:started</code>, <code>upload:progress</code>,{" "}
        <code>upload:done</code> (with the photo id) and <code>upload:failed</code> on the iframe element.
      </p>
    </div>
  );
}
