import { Card, PageHeading } from "@/components/ui/card";
import { ForgotForm } from "./forgot-form";

export const metadata = { title: "Forgot password · Provisio" };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto max-w-md">
      <PageHeading title="Forgot your password?" description="We email you a one-time link to choose a new one." />
      <Card>
        <ForgotForm />
      </Card>
    </div>
  );
}
