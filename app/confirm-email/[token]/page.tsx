import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { ConfirmForm } from "./confirm-form";

export async function generateMetadata() {
  return { title: (await getTranslations("accountLinks"))("confirmMeta"), referrer: "no-referrer" as const };
}

type Props = { params: Promise<{ token: string }> };

export default async function ConfirmEmailPage({ params }: Props) {
  const t = await getTranslations("accountLinks");
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("confirmTitle")} description={t("confirmDescription")} />
      <Card>
        <ConfirmForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
