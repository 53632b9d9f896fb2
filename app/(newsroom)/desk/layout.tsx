import Link from "next/link";
import { requireUser } from "@/lib/core/session";
import { can, ROLE_LABELS } from "@/lib/core/roles";
import { PAPER } from "@/lib/paper";
import { SignOutButton } from "@/components/desk/SignOutButton";
import { InboxBadge } from "@/components/desk/InboxBadge";
import { DeskPulse } from "@/components/desk/DeskPulse";
import { AlarmBanner } from "@/components/desk/AlarmBanner";
import { unreadCount } from "@/lib/inbox/queries";
import { deskAlarms } from "@/lib/jobs/desk-alarms";

export const dynamic = "force-dynamic";

export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const links = [
    ...(can(user.role, "story:file") ? [{ href: "/desk/stories", label: "我的稿件" }, { href: "/desk/stories/new", label: "写新稿" }] : []),
    ...(can(user.role, "desk:review") ? [{ href: "/desk/queue", label: "待审稿件" }, { href: "/desk/library", label: "稿库" }, { href: "/desk/import", label: "版面导入" }, { href: "/desk/quality", label: "差错统计" }] : []),
    ...(can(user.role, "story:file") ? [{ href: "/desk/photos", label: "图片库" }] : []),
    ...(can(user.role, "issue:assemble") ? [{ href: "/desk/issues", label: "版面编排" }] : []),
    ...(can(user.role, "page:proofread") ? [{ href: "/desk/proofing", label: "校对" }] : []),
    ...(can(user.role, "adoption:read") ? [{ href: "/desk/stats", label: "采用统计" }] : []),
    ...(can(user.role, "fees:manage") ? [{ href: "/desk/fees", label: "稿酬结算" }] : []),
    ...(can(user.role, "account:manage") ? [{ href: "/desk/admin", label: "账号管理" }, { href: "/desk/admin/paper", label: "报社设置" }, { href: "/desk/admin/units", label: "通讯员单位" }, { href: "/desk/admin/audit", label: "操作日志" }] : []),
  ];
  const [unread, alarms] = await Promise.all([unreadCount(user), deskAlarms(user)]);
  return (
    <DeskPulse initial={{ unread, alarms }}>
      <div className="min-h-screen bg-stone-50 print:bg-white">
        <header className="site-header border-b border-stone-300 bg-white">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link href="/desk" className="font-serif text-xl font-black text-masthead">{PAPER.name} · 采编</Link>
            <nav aria-label="采编" className="flex flex-wrap gap-4 text-sm">
              {links.map((l) => (
                <Link key={l.href} href={l.href} className="hover:text-masthead">{l.label}</Link>
              ))}
              <Link href="/" className="text-stone-500 hover:text-masthead">读者版</Link>
            </nav>
            <div className="ml-auto flex items-center gap-3 text-sm">
              <InboxBadge />
              <span>
                {user.name}
                <span className="ml-1 text-stone-500">（{ROLE_LABELS[user.role]}）</span>
              </span>
              <SignOutButton />
            </div>
          </div>
        </header>
        <AlarmBanner />
        <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
      </div>
    </DeskPulse>
  );
}
