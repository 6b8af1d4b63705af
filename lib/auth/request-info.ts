import { headers } from "next/headers";
import { appUrl } from "./app-url";
import { clientIp } from "./throttle";

/** For server actions: the caller's address (for limits) and the app's public address (for links). */
export async function requestInfo(): Promise<{ ip: string | null; linkBase: string }> {
  const h = await headers();
  return { ip: clientIp(h), linkBase: appUrl(h) };
}
