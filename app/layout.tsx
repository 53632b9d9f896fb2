import type { Metadata, Viewport } from "next";
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

// Reader pages are rendered once and kept in the shared cache (app/(reader)/layout.tsx); the back
// office is rendered per request (app/(newsroom)/layout.tsx), its scripts carrying the nonce of
// that request's Content-Security-Policy.
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-paper font-sans antialiased">{children}</body>
    </html>
  );
}
