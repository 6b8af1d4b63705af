import { appUrl } from "@/lib/auth/app-url";

/** This site's public address (APP_URL), for return links from a gateway; never the request's Host. */
export async function requestOrigin(): Promise<string> {
  return appUrl();
}
