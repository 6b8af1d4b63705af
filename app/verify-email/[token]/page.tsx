import { Card, PageHeading } from "@/components/ui/card";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Confirm your email · Provisio", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function VerifyEmailPage({ params }: Props) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Confirm your email" description="One click and your account is ready to sign in." />
      <Card>
        <VerifyForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
