import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/admin/action-button";
import { setUserDisabledAction } from "@/app/admin/users/actions";

type User = { id: number; name: string; email: string; disabled: boolean };

/** Users with a Disable / Enable button each (disabling ends their sessions). */
export function UserAccessList({ users }: { users: User[] }) {
  const t = useTranslations("adminStaff");
  if (users.length === 0) return <p className="text-sm text-slate-500">{t("nobodyList")}</p>;
  return (
    <ul className="flex flex-col gap-2 text-sm">
      {users.map((u) => (
        <li key={u.id} className="flex items-center justify-between gap-2">
          <span>
            {u.name} <span className="text-slate-500">({u.email})</span>
            {u.disabled && <span className="ml-2 text-red-700">{t("disabled")}</span>}
          </span>
          <ActionButton
            action={setUserDisabledAction}
            values={{ userId: u.id, disabled: String(!u.disabled) }}
            label={u.disabled ? t("enable") : t("disable")}
            confirm={u.disabled ? undefined : t("confirmDisable", { email: u.email })}
            variant="ghost"
          />
        </li>
      ))}
    </ul>
  );
}
