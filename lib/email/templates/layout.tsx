import type { ReactNode } from "react";
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { Locale } from "../../i18n/locales";
import { localeOr, translatorFor } from "../../i18n/translator";

export type LayoutProps = { preview: string; title: string; locale?: Locale; children: ReactNode };
/** What renderEmail adds to a template's stored props: the recipient's language. */
export type WithLocale<P> = P & { locale?: Locale };

/** The translator for an email in `locale` (the default when none is given). */
export const emailT = (locale?: Locale) => translatorFor(localeOr(locale));
export type Detail = { label: string; value: string };

const body = { backgroundColor: "#f4f5f7", fontFamily: "Helvetica, Arial, sans-serif", color: "#1f2328" };
const card = { backgroundColor: "#ffffff", margin: "24px auto", padding: "24px 32px", maxWidth: "560px", borderRadius: "6px" };
const brand = { fontSize: "18px", fontWeight: 700, color: "#2b59c3", margin: "0 0 16px" };
const heading = { fontSize: "20px", margin: "0 0 12px" };
const footer = { fontSize: "12px", color: "#6b7280" };
const label = { color: "#6b7280", padding: "4px 16px 4px 0", verticalAlign: "top" as const, whiteSpace: "nowrap" as const };
const value = { fontFamily: "Menlo, Consolas, monospace", padding: "4px 0", wordBreak: "break-all" as const };

/** The shared frame of every email: brand, title, content, footer. */
export function Layout({ preview, title, locale, children }: LayoutProps) {
  const t = emailT(locale);
  return (
    <Html lang={localeOr(locale)}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={card}>
          <Text style={brand}>Provisio</Text>
          <Heading as="h1" style={heading}>
            {title}
          </Heading>
          {children}
          <Hr />
          <Text style={footer}>{t("emails.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A two-column table of labelled values; empty values are left out. */
export function DetailTable({ rows }: { rows: Detail[] }) {
  return (
    <Section>
      <table cellPadding={0} cellSpacing={0} role="presentation">
        <tbody>
          {rows
            .filter((row) => row.value !== "")
            .map((row) => (
              <tr key={row.label}>
                <td style={label}>{row.label}:</td>
                <td style={value}>{/^https?:\/\//.test(row.value) ? <Link href={row.value}>{row.value}</Link> : row.value}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </Section>
  );
}

export const paragraph = { fontSize: "14px", lineHeight: "22px" };
