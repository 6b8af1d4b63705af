import { listDepartments } from "@/lib/services/departments/list";
import { modules } from "@/lib/modules/registry";
import { Card, PageHeading } from "@/components/ui/card";
import { HandlerWizard, type ModuleMeta } from "@/components/admin/handler-wizard";
import { adminPageCtx } from "@/lib/services/request-context";
import { checkConnectionAction, createHandlerAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add a processing module · Provisio" };

export default async function NewHandlerPage() {
  const ctx = await adminPageCtx("/admin/handlers/new");
  const { departments } = await listDepartments({ ctx });
  const meta: ModuleMeta[] = Object.values(modules).map((m) => ({
    kind: m.kind,
    title: m.title,
    productTypes: [...m.productTypes],
    fields: m.connectionFields.map((f) => ({ ...f })),
    usesTemplates: m.usesTemplates,
  }));
  return (
    <>
      <PageHeading title="Add a processing module" description="Choose what it provides and which module talks to the panel, then connect it." />
      <Card>
        <HandlerWizard
          modules={meta}
          departments={departments.map((d) => ({ value: d.id, label: d.name }))}
          createAction={createHandlerAction}
          checkAction={checkConnectionAction}
        />
      </Card>
    </>
  );
}
