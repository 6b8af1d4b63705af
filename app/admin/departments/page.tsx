import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { listDepartments } from "@/lib/services/departments/list";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { UserAccessList } from "@/components/admin/user-access-list";
import { Badge } from "@/components/admin/badge";
import { SpecForm, type FormFieldSpec } from "@/components/admin/spec-form";
import { notifyModeLabels, notifyModes } from "@/lib/notifications/modes";
import { adminPageCtx } from "@/lib/services/request-context";
import { addMemberAction, createDepartmentAction, deleteDepartmentAction, removeMemberAction, updateDepartmentAction } from "./actions";

export const dynamic = "force-dynamic";

const notifyOptions = notifyModes.map((m) => ({ value: m, label: notifyModeLabels[m] }));

/** How a department hears about its tasks: by its email and a Slack or Telegram webhook. */
function notifyFields(d: { notify: string; chatId: string | null; hasChat: boolean } | null): FormFieldSpec[] {
  return [
    { name: "notify", label: "Tell staff about tasks", type: "select", options: notifyOptions, defaultValue: d?.notify ?? "each", hint: "By the email above and the chat webhook below." },
    {
      name: "chatUrl",
      label: "Chat webhook URL",
      type: "password",
      autoComplete: "off",
      hint: d?.hasChat ? "Set. Leave blank to keep it." : "A Slack incoming webhook, or https://api.telegram.org/bot<token>/sendMessage.",
    },
    { name: "chatId", label: "Telegram chat id", defaultValue: d?.chatId ?? "", hint: "Only for Telegram: the chat's number or @channel." },
    ...(d?.hasChat ? [{ name: "removeChat", label: "Remove the chat webhook", type: "checkbox" as const }] : []),
  ];
}
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("departments.meta") };
}

export default async function DepartmentsPage() {
  const tp = await getTranslations("admin.pages");
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
              {d.isDefault && <Badge status="active" label="default department" />} {d.handlers} processing module{d.handlers === 1 ? "" : "s"} · {d.openTasks} open task{d.openTasks === 1 ? "" : "s"}
            </p>
            <div className="grid gap-6 lg:grid-cols-3">
              <div>
                <h3 className="mb-2 text-sm font-semibold">Members</h3>
                {d.members.length === 0 && <p className="text-sm text-slate-500">Nobody yet.</p>}
                <ul className="flex flex-col gap-2">
                  {d.members.map((m) => (
                    <li key={m.userId} className="flex items-center justify-between gap-2 text-sm">
                      <span>{m.name} <span className="text-slate-500">{m.email}</span></span>
                      <ActionButton action={removeMemberAction} values={{ departmentId: d.id, userId: m.userId }} label="Remove" variant="ghost" />
                    </li>
                  ))}
                </ul>
                <SpecForm action={addMemberAction} submitLabel={`Add to ${d.name}`} hidden={{ departmentId: d.id }} fields={[{ name: "userId", label: "Staff member", type: "select", empty: "Choose…", options: staffOptions }]} className="mt-3" />
              </div>
              <SpecForm
                action={updateDepartmentAction}
                submitLabel={`Save ${d.name}`}
                hidden={{ departmentId: d.id }}
                fields={[
                  { name: "name", label: "Name", defaultValue: d.name },
                  { name: "email", label: "Email", type: "email", defaultValue: d.email ?? "" },
                  ...notifyFields({ notify: d.notify, chatId: d.chatId, hasChat: d.hasChat }),
                ]}
              />
              <div>
                <ActionButton action={deleteDepartmentAction} values={{ departmentId: d.id }} label={`Delete ${d.name}`} confirm={`Delete the department "${d.name}"?`} />
              </div>
            </div>
          </Card>
        ))}
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title="Add a department">
            <SpecForm action={createDepartmentAction} submitLabel="Add department" resetOnSuccess fields={[{ name: "name", label: "Name" }, { name: "email", label: "Email", type: "email" }, ...notifyFields(null)]} />
          </Card>
          <Card title="Staff and admins">
            <UserAccessList users={staff} />
          </Card>
          <Card title="Add a staff member">
            <p className="text-sm text-slate-600">
              Staff are invited by an email link to choose their own password, on the <Link href="/admin/users" className="text-indigo-700 hover:underline">Staff</Link> page, where their role and departments are edited too.
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
