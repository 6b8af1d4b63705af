import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Nav, type NavItem } from "@/components/ui/nav";

const sections = [
  { href: "/account", key: "overview" },
  { href: "/account/services", key: "services" },
  { href: "/account/invoices", key: "invoices" },
  { href: "/account/balance", key: "balance" },
  { href: "/account/messages", key: "messages" },
  { href: "/account/profile", key: "profile" },
  { href: "/account/security", key: "security" },
] as const;

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("account.nav");
  const items: NavItem[] = sections.map((s) => ({ href: s.href, label: t(s.key) }));
  return (
    <>
      <Nav items={items} label={t("label")} variant="tabs" root="/account" className="mb-6 border-b border-slate-200 print:hidden" />
      {children}
    </>
  );
}
