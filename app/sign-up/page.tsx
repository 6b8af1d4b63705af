import Link from "next/link";
import { Card, PageHeading } from "@/components/ui/card";
import { printsDemoLinks } from "@/lib/email/demo-links";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Create account · Provisio" };
export const dynamic = "force-dynamic";

export default function SignUpPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Create an account" description="Order hosting, servers and domains, and keep track of them." />
      <Card>
        <SignUpForm demo={printsDemoLinks()} />
      </Card>
      <p className="mt-4 text-center text-sm text-slate-600">
        Already a client?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
