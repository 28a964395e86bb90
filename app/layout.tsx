import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pick, type Messages } from "@/lib/i18n/messages";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Upload portal", template: "%s · Upload portal" },
  description: "Collect video uploads straight into TwentyThree.",
  // Files in public/ (icon.svg is the source; docs/icons.md says how the PNG/ICO were made).
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon-192.png", sizes: "192x192", type: "image/png" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The browser gets only what the shell and the error page need; a public page adds its own
  // namespaces (the uploader's, the recorder's) with a nested provider.
  const messages = pick((await getMessages()) as Messages, ["shell", "errors"]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
