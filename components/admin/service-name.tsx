import Link from "next/link";
import { useLocale } from "next-intl";
import { serviceLabel } from "./labels";

type Props = { service: Parameters<typeof serviceLabel>[0]; href?: string };

/** A service's name (a link when given href) with its name on the panel underneath, as every admin list shows it. */
export function ServiceName({ service, href }: Props) {
  const { name, panel } = serviceLabel(service, useLocale());
  return (
    <>
      {href ? <Link href={href} className="text-indigo-700 hover:underline">{name}</Link> : name}
      {panel && <div className="text-xs text-slate-500" data-testid="service-panel-name">{panel}</div>}
    </>
  );
}
