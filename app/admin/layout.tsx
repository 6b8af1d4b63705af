import type { ReactNode } from "react";
import { Nav, type NavItem } from "@/components/ui/nav";

const sections: NavItem[] = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/operations", label: "Current operations" },
  { href: "/admin/handlers", label: "Processing modules" },
  { href: "/admin/tariffs", label: "Tariffs" },
  { href: "/admin/services", label: "Services" },
  { href: "/admin/clients", label: "Clients" },
  { href: "/admin/departments", label: "Departments" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/mail", label: "Mail log" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/webhooks", label: "Webhooks" },
];

/** The admin frame: full width (data-layout="wide" lifts the site's max width), sections on the left, or a menu on phones. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div data-layout="wide" className="flex flex-col gap-6 md:flex-row">
      <details className="group rounded-lg border border-slate-200 bg-white md:hidden">
        <summary className="cursor-pointer list-none px-4 py-3 text-sm font-medium text-slate-800">
          <span aria-hidden className="mr-2 inline-block transition-transform group-open:rotate-90">▸</span>
          Admin menu
        </summary>
        <Nav items={sections} label="Admin" root="/admin" wrap className="border-t border-slate-100 p-2" />
      </details>
      <aside className="hidden md:block md:w-52 md:shrink-0">
        <Nav items={sections} label="Admin" vertical root="/admin" />
      </aside>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
