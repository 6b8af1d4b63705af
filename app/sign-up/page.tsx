import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeading } from "@/components/ui/card";
import { printsDemoLinks } from "@/lib/email/demo-links";
import { SignUpForm } from "./sign-up-form";

export async function generateMetadata() {
  return { title: (await getTranslations("signUp"))("metaTitle") };
}
export const dynamic = "force-dynamic";

export default async function SignUpPage() {
  const t = await getTranslations("signUp");
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      <Card>
        <SignUpForm demo={printsDemoLinks()} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        {t("already")}{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </div>
  );
}
