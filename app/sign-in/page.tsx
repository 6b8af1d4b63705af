import Link from "next/link";
import { redirect } from "next/navigation";
import { homeFor } from "@/lib/auth/actor";
import { requestCtx } from "@/lib/services/request-context";
import { needsFirstAdmin } from "@/lib/services/users/create-first-admin";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { refusalMessage } from "@/lib/auth/refusal-message";
import { localPath } from "@/lib/local-path";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const ctx = await requestCtx();
  if (ctx.actor.type === "user") redirect(homeFor(ctx.actor.role));
  if (await needsFirstAdmin(ctx)) redirect("/setup");
  const { next, error, code, notice } = await searchParams;
  const refused = typeof error === "string" ? refusalMessage(typeof code === "string" ? code : undefined) : undefined;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Sign in" description="Clients, staff and admins all sign in here." />
      <Card>
        {notice === "verified" && <Notice>Your email is confirmed. Sign in to continue.</Notice>}
        {notice === "unlocked" && <Notice>The lock is lifted. Sign in to continue.</Notice>}
        {notice === "password-reset" && <Notice>Your password is changed. Sign in with the new one.</Notice>}
        {refused && <Notice tone="error">{refused}</Notice>}
        <SignInForm next={localPath(next)} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-2 text-center text-sm text-slate-600">
        New here?{" "}
        <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
