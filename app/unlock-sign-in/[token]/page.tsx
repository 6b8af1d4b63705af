import { Card, PageHeading } from "@/components/ui/card";
import { UnlockForm } from "./unlock-form";

export const metadata = { title: "Lift the sign-in lock · Provisio", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }> };

export default async function UnlockSignInPage({ params }: Props) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Lift the sign-in lock" description="Wrong passwords from many places locked your account. One click and you can sign in again." />
      <Card>
        <UnlockForm token={token.slice(0, 100)} />
      </Card>
    </div>
  );
}
