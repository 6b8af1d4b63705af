import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { listDepartments } from "@/lib/services/departments/list";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { UserAccessList } from "@/components/admin/user-access-list";
import { Badge } from "@/components/admin/badge";
import { SpecForm, type FormFieldSpec } from "@/components/admin/spec-form";
import { notifyModes } from "@/lib/notifications/modes";
import { adminPageCtx } from "@/lib/services/request-context";
import { addMemberAction, createDepartmentAction, deleteDepartmentAction, removeMemberAction, updateDepartmentAction } from "./actions";

export const dynamic = "force-dynamic";

type T = Awaited<ReturnType<typeof getTranslations<"adminDepartment">>>;

/** How a department hears about its tasks: by its email and a Slack or Telegram webhook. */
function notifyFields(t: T, d: { notify: string; chatId: string | null; hasChat: boolean } | null): FormFieldSpec[] {
  const options = notifyModes.map((m) => ({ value: m, label: t(`notify.${m}`) }));
  return [
    { name: "notify", label: t("notify.label"), type: "select", options, defaultValue: d?.notify ?? "each", hint: t("notify.hint") },
    {
      name: "chatUrl",
      label: t("notify.chatUrl"),
      type: "password",
      autoComplete: "off",
      hint: d?.hasChat ? t("notify.chatSet") : t("notify.chatHint", { telegram: "https://api.telegram.org/bot<token>/sendMessage" }),
    },
    { name: "chatId", label: t("notify.chatId"), defaultValue: d?.chatId ?? "", hint: t("notify.chatIdHint") },
    ...(d?.hasChat ? [{ name: "removeChat", label: t("notify.removeChat"), type: "checkbox" as const }] : []),
  ];
}
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("departments.meta") };
}

export default async function DepartmentsPage() {
  const tp = await getTranslations("admin.pages");
  const t = await getTranslations("adminDepartment");
  const ctx = await adminPageCtx("/admin/departments");
  const { departments, staff } = await listDepartments({ ctx });
  const staffOptions = staff.filter((s) => !s.disabled).map((s) => ({ value: s.id, label: `${s.name} (${s.email})` }));
  return (
    <>
      <PageHeading title={tp("departments.title")} description={tp("departments.description")} />
      <div className="flex flex-col gap-4">
        {departments.map((d) => (
          <Card key={d.id} title={d.name}>
            <p className="mb-3 text-sm text-slate-600">
              {d.isDefault && <Badge status="active" label={t("defaultBadge")} />} {t("counts", { handlers: d.handlers, tasks: d.openTasks })}
            </p>
            <div className="grid gap-6 lg:grid-cols-3">
              <div>
                <h3 className="mb-2 text-sm font-semibold">{t("members")}</h3>
                {d.members.length === 0 && <p className="text-sm text-slate-500">{t("nobody")}</p>}
                <ul className="flex flex-col gap-2">
                  {d.members.map((m) => (
                    <li key={m.userId} className="flex items-center justify-between gap-2 text-sm">
                      <span>{m.name} <span className="text-slate-500">{m.email}</span></span>
                      <ActionButton action={removeMemberAction} values={{ departmentId: d.id, userId: m.userId }} label={t("remove")} variant="ghost" />
                    </li>
                  ))}
                </ul>
                <SpecForm action={addMemberAction} submitLabel={t("addTo", { name: d.name })} hidden={{ departmentId: d.id }} fields={[{ name: "userId", label: t("staffMember"), type: "select", empty: t("choose"), options: staffOptions }]} className="mt-3" />
              </div>
              <SpecForm
                action={updateDepartmentAction}
                submitLabel={t("save", { name: d.name })}
                hidden={{ departmentId: d.id }}
                fields={[
                  { name: "name", label: t("name"), defaultValue: d.name },
                  { name: "email", label: t("email"), type: "email", defaultValue: d.email ?? "" },
                  ...notifyFields(t, { notify: d.notify, chatId: d.chatId, hasChat: d.hasChat }),
                ]}
              />
              <div>
                <ActionButton action={deleteDepartmentAction} values={{ departmentId: d.id }} label={t("delete", { name: d.name })} confirm={t("confirmDelete", { name: d.name })} />
              </div>
            </div>
          </Card>
        ))}
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("addTitle")}>
            <SpecForm action={createDepartmentAction} submitLabel={t("addSubmit")} resetOnSuccess fields={[{ name: "name", label: t("name") }, { name: "email", label: t("email"), type: "email" }, ...notifyFields(t, null)]} />
          </Card>
          <Card title={t("staffTitle")}>
            <UserAccessList users={staff} />
          </Card>
          <Card title={t("addStaffTitle")}>
            <p className="text-sm text-slate-600">
              {t.rich("addStaffText", { link: (chunks) => <Link href="/admin/users" className="text-indigo-700 hover:underline">{chunks}</Link> })}
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
