import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { ResetForm } from "./reset-form";

export async function generateMetadata() {
  return { title: (await getTranslations("accountLinks"))("resetMeta"), referrer: "no-referrer" as const };
}

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const t = await getTranslations("accountLinks");
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("resetTitle")} description={t("resetDescription")} />
      <Card>
        <ResetForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
