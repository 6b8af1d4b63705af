import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata() {
  return { title: (await getTranslations("accountLinks"))("forgotMeta") };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations("accountLinks");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("forgotTitle")} description={t("forgotDescription")} />
      <Card>
        <ForgotForm />
      </Card>
    </div>
  );
}
