"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

export function CopyButton({ text, label = "Copy public URL" }: { text: string; label?: string }) {
  const [status, setStatus] = useState("");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied to the clipboard.");
    } catch {
      setStatus("Could not copy automatically: select the address and copy it.");
    }
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <button type="button" onClick={copy} className={buttonClass("secondary")}>
        {label}
      </button>
      <span role="status" aria-live="polite" className="text-sm text-slate-700">
        {status}
      </span>
    </span>
  );
}
