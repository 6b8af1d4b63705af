import { Card, PageHeading } from "@/components/ui/card";
import { ResetForm } from "./reset-form";

export const metadata = { title: "Choose a new password · Provisio", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Choose a new password" description="Signing in elsewhere ends when you save it." />
      <Card>
        <ResetForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
