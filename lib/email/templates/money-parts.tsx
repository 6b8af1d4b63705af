import { Button, Section, Text } from "@react-email/components";
import { emailT, paragraph } from "./layout";
import type { Locale } from "../../i18n/locales";

/** One line of a money email: what it is for and its amount, both as the client reads them. */
export type MoneyLine = { description: string; amount: string };

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };
const cell = { padding: "4px 16px 4px 0", fontSize: "14px" };
const amountCell = { ...cell, textAlign: "right" as const, whiteSpace: "nowrap" as const };
const totalCell = { ...amountCell, fontWeight: 700, borderTop: "1px solid #d0d7de" };

/** The lines and the total of an invoice or a credit note. */
export function MoneyLines({ lines, total, totalLabel, locale }: { lines: MoneyLine[]; total: string; totalLabel?: string; locale?: Locale }) {
  const label = totalLabel ?? emailT(locale)("emails.money.total");
  return (
    <Section>
      <table cellPadding={0} cellSpacing={0} role="presentation" style={{ width: "100%" }}>
        <tbody>
          {lines.map((l, i) => (
            <tr key={i}>
              <td style={cell}>{l.description}</td>
              <td style={amountCell}>{l.amount}</td>
            </tr>
          ))}
          <tr>
            <td style={{ ...cell, fontWeight: 700, borderTop: "1px solid #d0d7de" }}>{label}</td>
            <td style={totalCell}>{total}</td>
          </tr>
        </tbody>
      </table>
    </Section>
  );
}

/** The link to the document in the client area, as a button and as text. */
export function OpenLink({ url, label, locale }: { url: string; label: string; locale?: Locale }) {
  return (
    <>
      <Button href={url} style={button}>
        {label}
      </Button>
      <Text style={paragraph}>{emailT(locale)("emails.money.openAt", { url })}</Text>
    </>
  );
}
