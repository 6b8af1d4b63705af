import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Nav, type NavItem } from "@/components/ui/nav";
import { AdminMenu } from "@/components/admin/admin-menu";
import { SearchBox } from "@/components/admin/search-box";

const sections = [
  { href: "/admin", key: "dashboard" },
  { href: "/admin/operations", key: "operations" },
  { href: "/admin/handlers", key: "handlers" },
  { href: "/admin/tariffs", key: "tariffs" },
  { href: "/admin/services", key: "services" },
  { href: "/admin/clients", key: "clients" },
  { href: "/admin/reports", key: "reports" },
  { href: "/board", key: "board" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/departments", key: "departments" },
  { href: "/admin/settings", key: "settings" },
  { href: "/admin/mail", key: "mail" },
  { href: "/admin/emails", key: "emails" },
  { href: "/admin/audit", key: "audit" },
  { href: "/admin/api-keys", key: "apiKeys" },
  { href: "/admin/webhooks", key: "webhooks" },
] as const;

/** The admin frame: full width (data-layout="wide" lifts the site's max width), sections on the left, or a menu on phones. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("admin.nav");
  const items: NavItem[] = sections.map((s) => ({ href: s.href, label: t(s.key) }));
  return (
    <div data-layout="wide" className="flex flex-col gap-6 md:flex-row">
      <AdminMenu sections={items} root="/admin" />
      <aside className="hidden md:block md:w-52 md:shrink-0">
        <Nav items={items} label={t("label")} vertical root="/admin" />
      </aside>
      <div className="min-w-0 flex-1">
        <SearchBox />
        {children}
      </div>
    </div>
  );
}
