/** How a failed email's last error starts when Resend refused the key itself (401/403). */
export const KEY_REFUSED = "Resend refused RESEND_API_KEY";

/** Resend answered 401 or 403: the key is wrong or may not send from EMAIL_FROM. Trying again cannot help. */
export class EmailKeyRefused extends Error {
  constructor(detail: string) {
    super(`${KEY_REFUSED} (${detail}): fix the key or the sender domain, then resend from the Mail log`);
    this.name = "EmailKeyRefused";
  }
}
