import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { anonymousCtx } from "@/lib/services/request-context";
import { needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("setup"))("meta") };
}

/** The first-run screen: open only while the installation has no admin. */
export default async function SetupPage() {
  const open = await needsFirstAdmin(await anonymousCtx());
  const t = await getTranslations("setup");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      {open ? (
        <Card>
          <SetupForm />
        </Card>
      ) : (
        <Notice>
          {t("hasAdmin")}{" "}
          <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
            {t("signIn")}
          </Link>
        </Notice>
      )}
    </div>
  );
}
