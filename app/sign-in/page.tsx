import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { homeFor } from "@/lib/auth/actor";
import { requestCtx } from "@/lib/services/request-context";
import { needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { refusalMessage } from "@/lib/auth/refusal-message";
import { localPath } from "@/lib/local-path";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("signIn"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const ctx = await requestCtx();
  if (ctx.actor.type === "user") redirect(homeFor(ctx.actor.role));
  if (await needsFirstAdmin(ctx)) redirect("/setup");
  const { next, error, code, notice } = await searchParams;
  const [t, locale] = await Promise.all([getTranslations("signIn"), getLocale()]);
  const refused = typeof error === "string" ? refusalMessage(typeof code === "string" ? code : undefined, locale) : undefined;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title={t("title")} description={t("description")} />
      <Card>
        {notice === "verified" && <Notice>{t("verified")}</Notice>}
        {notice === "unlocked" && <Notice>{t("unlocked")}</Notice>}
        {notice === "password-reset" && <Notice>{t("passwordReset")}</Notice>}
        {refused && <Notice tone="error">{refused}</Notice>}
        <SignInForm next={localPath(next)} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          {t("forgot")}
        </Link>
      </p>
      <p className="mt-2 text-center text-sm text-slate-600">
        {t("newHere")}{" "}
        <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">
          {t("createAccount")}
        </Link>
      </p>
    </div>
  );
}
