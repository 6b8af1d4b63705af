"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import type { FormState } from "@/app/admin/form-state";
import { FormResult } from "./form-result";

type Department = { id: number; name: string };
type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  departments: Department[];
  /** Editing one staff member; without it, the form invites a new one (name and email). */
  user?: { id: number; name: string; role: string; departmentIds: number[] };
};

/** Invite a staff member by email, or change one's role and departments. */
export function StaffForm({ action, departments, user }: Props) {
  const t = useTranslations("adminStaff.form");
  const tf = useTranslations("adminForm");
  const roleOptions = [
    { value: "staff", label: t("roleStaff") },
    { value: "admin", label: t("roleAdmin") },
  ];
  const [state, dispatch, pending] = useActionState(action, {});
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!user && state.ok) ref.current?.reset();
  }, [state, user]);
  const key = user ? `staff-${user.id}` : "invite";
  return (
    <form
      ref={ref}
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <FormResult state={state} shownFields={["name", "email", "role"]} />
      {user && <input type="hidden" name="userId" value={user.id} />}
      {!user && (
        <>
          <Field id={`${key}-name`} name="name" label={t("name")} errors={state.fields?.name} />
          <Field id={`${key}-email`} name="email" type="email" label={t("email")} hint={t("emailHint")} errors={state.fields?.email} />
        </>
      )}
      <SelectField id={`${key}-role`} name="role" label={t("role")} options={roleOptions} defaultValue={user?.role ?? "staff"} errors={state.fields?.role} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-800">{t("departments")}</legend>
        {departments.length === 0 && <p className="text-sm text-slate-500">{t("noDepartments")}</p>}
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {departments.map((d) => (
            <label key={d.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="departmentIds" value={d.id} defaultChecked={user?.departmentIds.includes(d.id)} className="size-4" />
              {d.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? tf("working") : user ? t("save", { name: user.name }) : t("invite")}
        </Button>
      </div>
    </form>
  );
}
