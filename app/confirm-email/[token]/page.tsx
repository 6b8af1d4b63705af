import { Card, PageHeading } from "@/components/ui/card";
import { ConfirmForm } from "./confirm-form";

export const metadata = { title: "Confirm your contact email · Provisio", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function ConfirmEmailPage({ params }: Props) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Confirm your contact email" description="Invoices and service emails will go to this address from now on." />
      <Card>
        <ConfirmForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
