import { getTranslations } from "next-intl/server";
import { listStaff } from "@/lib/services/users/list-staff";
import { listDepartments } from "@/lib/services/departments/list";
import { adminPageCtx } from "@/lib/services/request-context";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { StaffForm } from "@/components/admin/staff-form";
import { EmptyRow, from, Table, Td, When } from "@/components/admin/table";
import { setUserDisabledAction } from "./actions";
import { inviteStaffAction, resendInvitationAction, updateStaffAction } from "./staff-actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("staff.meta") };
}

/** Staff and admins: role and departments, edited here; new ones are invited by an email link. */
export default async function StaffPage() {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminStaff");
  const role = (r: string) => (r === "admin" || r === "staff" ? t(`roles.${r}`) : r);
  const ctx = await adminPageCtx("/admin/users");
  const [staff, { departments }] = await Promise.all([listStaff({ ctx }), listDepartments({ ctx })]);
  const choices = departments.map((d) => ({ id: d.id, name: d.name }));
  return (
    <>
      <PageHeading title={tp("staff.title")} description={tp("staff.description")} />
      <Table head={[th("name"), th("role"), { label: th("departments"), className: from.md }, { label: th("status"), className: from.sm }, { label: th("since"), className: from.lg }, ""]} caption={th("staffAndAdmins")}>
        {staff.length === 0 && <EmptyRow colSpan={6}>{t("nobody")}</EmptyRow>}
        {staff.map((s) => (
          <tr key={s.id} data-testid={`staff-${s.id}`}>
            <Td>
              <span className="font-medium">{s.name}</span>
              <span className="block text-xs text-slate-500">{s.email}</span>
            </Td>
            <Td>
              {role(s.role)}
              {/* On a phone the departments column is hidden: they go under the role. */}
              <span className="block text-xs text-slate-500 md:hidden">{s.departments.map((d) => d.name).join(", ")}</span>
            </Td>
            <Td className={from.md}>{s.departments.length ? s.departments.map((d) => d.name).join(", ") : <span className="text-slate-500">{t("none")}</span>}</Td>
            <Td className={from.sm}>
              {s.disabled ? <Badge status="failed" label={t("disabled")} /> : s.invitationOpen ? <Badge status="pending" label={t("linkSent")} /> : <Badge status="active" label={t("active")} />}
            </Td>
            <Td className={from.lg}><When at={s.createdAt} /></Td>
            <Td>
              <details>
                <summary className="cursor-pointer text-sm font-medium text-indigo-700">{t("edit")}</summary>
                <div className="mt-2 flex min-w-64 flex-col gap-3">
                  <StaffForm action={updateStaffAction} departments={choices} user={{ id: s.id, name: s.name, role: s.role, departmentIds: s.departments.map((d) => d.id) }} />
                  <div className="flex flex-wrap gap-2">
                    {!s.disabled && <ActionButton action={resendInvitationAction} values={{ userId: s.id }} label={t("newLink")} variant="ghost" />}
                    <ActionButton
                      action={setUserDisabledAction}
                      values={{ userId: s.id, disabled: String(!s.disabled) }}
                      label={s.disabled ? t("enable") : t("disable")}
                      confirm={s.disabled ? undefined : t("confirmDisable", { email: s.email })}
                      variant="ghost"
                    />
                  </div>
                </div>
              </details>
            </Td>
          </tr>
        ))}
      </Table>
      <div className="mt-6 max-w-xl">
        <Card title={t("inviteTitle")}>
          <StaffForm action={inviteStaffAction} departments={choices} />
        </Card>
      </div>
    </>
  );
}
