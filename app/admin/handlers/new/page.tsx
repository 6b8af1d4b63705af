import { getTranslations } from "next-intl/server";
import { listDepartments } from "@/lib/services/departments/list";
import { modules } from "@/lib/modules/registry";
import { Card, PageHeading } from "@/components/ui/card";
import { HandlerWizard, type ModuleMeta } from "@/components/admin/handler-wizard";
import { adminPageCtx } from "@/lib/services/request-context";
import { checkConnectionAction, createHandlerAction } from "../actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("addAProcessingModule.meta") };
}

export default async function NewHandlerPage() {
  const tp = await getTranslations("admin.pages");
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
      <PageHeading title={tp("addAProcessingModule.title")} description={tp("addAProcessingModule.description")} />
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
