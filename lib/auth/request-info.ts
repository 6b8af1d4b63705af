import { headers } from "next/headers";
import { clientIp } from "./throttle";

/** For server actions: the caller's address (for limits). Links in emails come from appUrl(), never from headers. */
export async function requestInfo(): Promise<{ ip: string | null }> {
  return { ip: clientIp(await headers()) };
}
