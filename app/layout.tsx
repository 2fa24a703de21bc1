import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portcullis", template: "%s · Portcullis" },
  description: "Firewall planner for cPanel & WHM and froxlor hosting servers",
  // Served from public/ (proxy.ts lets them through without a session).
  icons: { icon: [{ url: "/icon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "32x32" }] },
  // A private dashboard: public/robots.txt disallows crawling; this keeps any page that is reached out of indexes.
  robots: { index: false, follow: false },
};

// Every page depends on the session or the database: never prerender at build time.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
