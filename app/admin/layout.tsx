import type { ReactNode } from "react";
import { Nav, type NavItem } from "@/components/ui/nav";

const sections: NavItem[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/handlers", label: "Processing modules" },
  { href: "/admin/tariffs", label: "Tariffs" },
  { href: "/admin/operations", label: "Current operations" },
  { href: "/admin/services", label: "Services" },
  { href: "/admin/clients", label: "Clients" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/mail", label: "Mail log" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/webhooks", label: "Webhooks" },
];

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <aside className="md:w-56 md:shrink-0">
        <Nav items={sections} label="Admin" vertical root="/admin" />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
