import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { getInvoiceDocument, type InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import type { Ctx } from "@/lib/services/context";
import { AppError } from "@/lib/errors";
import { invoiceName } from "@/lib/billing/invoice-format";
import { displayDomain } from "@/lib/domain-display";
import { formatMoney } from "@/components/ui/money";
import type { Locale } from "@/lib/i18n/locales";
import { localeOr } from "@/lib/i18n/translator";
import { addonText } from "./labels";
import { buyerHeading, invoiceWords } from "./invoice-words";
import { pdfFontFamily } from "./pdf-font";
import type { CreditFacts } from "./credit-note-pdf";

const bold = { fontFamily: pdfFontFamily.bold, fontWeight: "bold" as const };
const s = StyleSheet.create({
  page: { padding: 40, fontSize: 9, fontFamily: pdfFontFamily.regular, color: "#0f172a" },
  row: { flexDirection: "row", justifyContent: "space-between" },
  seller: { fontSize: 14, marginBottom: 2, ...bold },
  muted: { color: "#475569" },
  label: { fontSize: 8, color: "#64748b", marginTop: 18, marginBottom: 2 },
  head: { flexDirection: "row", borderBottom: "1pt solid #cbd5e1", paddingBottom: 4, marginTop: 18, fontSize: 7, color: "#64748b" },
  line: { flexDirection: "row", borderBottom: "0.5pt solid #e2e8f0", paddingVertical: 5 },
  item: { flex: 1, paddingRight: 8 },
  period: { width: 130, paddingRight: 6 },
  rate: { width: 36, textAlign: "right" },
  amount: { width: 72, textAlign: "right" },
  sum: { flexDirection: "row", justifyContent: "flex-end", marginTop: 4 },
  sumLabel: { width: 240, textAlign: "right", paddingRight: 8 },
  total: { flexDirection: "row", justifyContent: "flex-end", marginTop: 6, fontSize: 12, ...bold },
  note: { marginTop: 14 },
});

/** The invoice as a PDF file: the same parties, dates, lines, tax and totals as the page (invoice-document.tsx). */
function InvoicePdf({ doc, locale }: { doc: Doc; locale: Locale }) {
  const { invoice, lines, seller, buyer, taxes, payment } = doc;
  const { t, date: formatDate, addressLines, lineRate, periodText, taxLabel, status, paymentMethod, paymentReference } = invoiceWords(locale);
  const money = (n: number) => formatMoney(n, invoice.currency, locale);
  const upper = (s: string) => s.toLocaleUpperCase(locale);
  const head = buyerHeading(buyer);
  // A credit note prints through this component too (credit-note-pdf.tsx): its own number and date, and the invoice it refers to.
  const credit = (doc as Doc & { credit?: CreditFacts }).credit;
  const facts: [string, string][] = credit ? [[t("creditNotePdf.creditNote"), credit.number], [t("invoice.issued"), formatDate(credit.issuedAt)], [t("creditNotePdf.forInvoice"), credit.invoiceNumber]] : [
    [t("invoice.invoice"), invoiceName(invoice)],
    [t("invoice.issued"), formatDate(invoice.issuedAt ?? invoice.createdAt)],
    ...(invoice.dueAt ? [[t("invoice.due"), formatDate(invoice.dueAt)] as [string, string]] : []),
    [t("invoice.status"), status(invoice)],
  ];
  return (
    <Document title={credit ? t("creditNotePdf.title", { number: credit.number }) : t("invoice.named", { name: invoiceName(invoice) })} author={seller.name} language={locale}>
      <Page size="A4" style={s.page}>
        <View style={s.row}>
          <View>
            <Text style={s.seller}>{seller.name}</Text>
            {addressLines(seller).map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
            {seller.email && <Text style={s.muted}>{seller.email}</Text>}
            {seller.taxId && <Text style={s.muted}>{t("invoice.taxId", { id: seller.taxId })}</Text>}
          </View>
          <View>
            {facts.map(([k, v]) => <Text key={k} style={{ textAlign: "right" }}><Text style={s.muted}>{k}  </Text>{v}</Text>)}
          </View>
        </View>
        <Text style={s.label}>{upper(t("invoice.billTo"))}</Text>
        <Text style={bold}>{head.title}</Text>
        {head.subtitle && <Text>{head.subtitle}</Text>}
        {addressLines(buyer).map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
        {buyer.taxId && <Text style={s.muted}>{t("invoice.taxId", { id: buyer.taxId })}</Text>}
        <Text style={s.muted}>{t("invoice.clientNo", { email: buyer.email, id: buyer.clientId })}</Text>
        <View style={s.head}>
          <Text style={s.item}>{upper(t("invoice.item"))}</Text><Text style={s.period}>{upper(t("invoice.period"))}</Text>
          <Text style={s.amount}>{upper(t("invoice.net"))}</Text><Text style={s.rate}>{upper(t("invoice.tax"))}</Text><Text style={s.amount}>{upper(t("invoice.amount"))}</Text>
        </View>
        {lines.map((l, i) => (
          <View key={i} style={s.line} wrap={false}>
            <View style={s.item}>
              <Text>{l.description}{l.domain ? `: ${displayDomain(l.domain)}` : ""}</Text>
              {l.addons.map((a) => <Text key={a.label} style={s.muted}>{addonText(a.units, a, a.label)}</Text>)}
            </View>
            <Text style={s.period}>{periodText(l)}</Text>
            <Text style={s.amount}>{money(l.net)}</Text>
            <Text style={s.rate}>{lineRate(l)}</Text>
            <Text style={s.amount}>{money(l.total)}</Text>
          </View>
        ))}
        <View style={[s.sum, { marginTop: 8 }]}><Text style={s.sumLabel}>{t("invoice.subtotal")}</Text><Text style={s.amount}>{money(doc.subtotal)}</Text></View>
        {taxes.map((g) => (
          <View key={`${g.taxCategory}:${g.taxRateBp}:${g.taxName}`} style={s.sum}>
            <Text style={s.sumLabel}>{t("invoice.taxOn", { label: taxLabel(g), amount: money(g.net) })}</Text><Text style={s.amount}>{money(g.taxAmount)}</Text>
          </View>
        ))}
        <View style={s.total}><Text>{`${t("invoice.total")}  ${money(invoice.amount)}`}</Text></View>
        {invoice.taxNote && <Text style={s.note}>{invoice.taxNote}</Text>}
        {payment && <Text style={s.note}>{t("invoice.payment", { date: formatDate(payment.at), method: paymentMethod(payment), reference: paymentReference(payment), amount: money(payment.amount) })}</Text>}
      </Page>
    </Document>
  );
}

/** The invoice as a PDF in a language (English unless given): the client's, for its emails and downloads. */
export function renderInvoicePdf(doc: Doc, locale?: string | null): Promise<Buffer> {
  return renderToBuffer(<InvoicePdf doc={doc} locale={localeOr(locale)} />);
}

/** The HTTP answer for an invoice's PDF, named after its number; another client's or a missing invoice is 404. */
export async function invoicePdfResponse(ctx: Ctx, invoiceId: string, locale?: string | null): Promise<Response> {
  let doc: Doc;
  try {
    doc = await getInvoiceDocument({ ctx, input: { invoiceId } });
  } catch (e) {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) return new Response("Invoice not found", { status: 404 });
    throw e;
  }
  const pdf = await renderInvoicePdf(doc, locale);
  const name = invoiceName(doc.invoice).replace(/[^\w.-]+/g, "-");
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="invoice-${name}.pdf"`, "cache-control": "private, no-store" },
  });
}
