import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";
import { PAPER } from "@/lib/paper";
import { siteUrl } from "@/lib/platform/env";

export function generateMetadata(): Metadata {
  return {
    metadataBase: new URL(siteUrl()),
    title: { default: PAPER.name, template: `%s · ${PAPER.name}` },
    description: `${PAPER.name}数字报：每日版面、稿件与往期报纸`,
    openGraph: { siteName: PAPER.name, locale: "zh_CN", type: "website" },
    alternates: { types: { "application/rss+xml": "/feed.xml" } },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Every page is rendered per request: its scripts carry the nonce of that request's
// Content-Security-Policy (proxy.ts), which a page prerendered once could not. The data behind
// reader pages stays cached (lib/reader). A front cache that kept whole pages would hand every
// reader the same nonce for as long as it kept them: weigh that before adding one.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-paper font-sans antialiased">{children}</body>
    </html>
  );
}
