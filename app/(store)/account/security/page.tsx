import { Card, PageHeading } from "@/components/ui/card";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Security · Provisio" };

export default async function SecurityPage() {
  await clientCtx("/account/security");
  return (
    <div className="max-w-md">
      <PageHeading title="Security" description="Change the password you sign in with." />
      <Card>
        <ChangePasswordForm />
      </Card>
    </div>
  );
}
