/** The name of the support cookie (see support-session.ts); kept apart so the proxy imports nothing else. */
export const SUPPORT_COOKIE = "provisio_support";
