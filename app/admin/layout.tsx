import type { ReactNode } from "react";
import { Nav, type NavItem } from "@/components/ui/nav";
import { AdminMenu } from "@/components/admin/admin-menu";
import { SearchBox } from "@/components/admin/search-box";

const sections: NavItem[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/operations", label: "Current operations" },
  { href: "/admin/handlers", label: "Processing modules" },
  { href: "/admin/tariffs", label: "Tariffs" },
  { href: "/admin/services", label: "Services" },
  { href: "/admin/clients", label: "Clients" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/board", label: "Task board" },
  { href: "/admin/users", label: "Staff" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/mail", label: "Mail log" },
  { href: "/admin/emails", label: "Email texts" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/webhooks", label: "Webhooks" },
];

/** The admin frame: full width (data-layout="wide" lifts the site's max width), sections on the left, or a menu on phones. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div data-layout="wide" className="flex flex-col gap-6 md:flex-row">
      <AdminMenu sections={sections} root="/admin" />
      <aside className="hidden md:block md:w-52 md:shrink-0">
        <Nav items={sections} label="Admin" vertical root="/admin" />
      </aside>
      <div className="min-w-0 flex-1">
        <SearchBox />
        {children}
      </div>
    </div>
  );
}
