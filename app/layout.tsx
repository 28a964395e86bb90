import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { loadMessages, pick } from "@/lib/i18n/messages";
import { visitorLocale } from "@/lib/i18n/server";
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
  // namespaces (the uploader's, the recorder's) with a nested provider. Every prop is given, so
  // the layout never asks next-intl's request config: a page's setPublicLocale() (the link's own
  // language) must be the first to decide it for the request.
  const locale = await visitorLocale();
  const messages = pick(await loadMessages(locale), ["shell", "errors"]);
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <NextIntlClientProvider locale={locale} messages={messages} formats={{}} timeZone="UTC" now={new Date()}>
          {children}
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
