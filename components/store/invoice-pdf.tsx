import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { getInvoiceDocument, type InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import type { Ctx } from "@/lib/services/context";
import { AppError } from "@/lib/errors";
import { invoiceName } from "@/lib/billing/invoice-format";
import { formatMoney } from "@/components/ui/money";
import { addonText, formatDate } from "./labels";
import { addressLines, buyerHeading, invoiceStatusText, lineRate, periodText, taxLabel } from "./invoice-words";
import { pdfFontFamily } from "./pdf-font";

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
function InvoicePdf({ doc }: { doc: Doc }) {
  const { invoice, lines, seller, buyer, taxes, payment } = doc;
  const money = (n: number) => formatMoney(n, invoice.currency);
  const head = buyerHeading(buyer);
  const facts: [string, string][] = [
    ["Invoice", invoiceName(invoice)],
    ["Issued", formatDate(invoice.issuedAt ?? invoice.createdAt)],
    ...(invoice.dueAt ? [["Due", formatDate(invoice.dueAt)] as [string, string]] : []),
    ["Status", invoice.status === "paid" ? `Paid ${formatDate(invoice.paidAt)}` : invoiceStatusText[invoice.status]],
  ];
  return (
    <Document title={`Invoice ${invoiceName(invoice)}`} author={seller.name}>
      <Page size="A4" style={s.page}>
        <View style={s.row}>
          <View>
            <Text style={s.seller}>{seller.name}</Text>
            {addressLines(seller).map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
            {seller.email && <Text style={s.muted}>{seller.email}</Text>}
            {seller.taxId && <Text style={s.muted}>{`Tax ID ${seller.taxId}`}</Text>}
          </View>
          <View>
            {facts.map(([k, v]) => <Text key={k} style={{ textAlign: "right" }}><Text style={s.muted}>{k}  </Text>{v}</Text>)}
          </View>
        </View>
        <Text style={s.label}>BILL TO</Text>
        <Text style={bold}>{head.title}</Text>
        {head.subtitle && <Text>{head.subtitle}</Text>}
        {addressLines(buyer).map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
        {buyer.taxId && <Text style={s.muted}>{`Tax ID ${buyer.taxId}`}</Text>}
        <Text style={s.muted}>{buyer.email} · client #{buyer.clientId}</Text>
        <View style={s.head}>
          <Text style={s.item}>ITEM</Text><Text style={s.period}>SERVICE PERIOD</Text>
          <Text style={s.amount}>NET</Text><Text style={s.rate}>TAX</Text><Text style={s.amount}>AMOUNT</Text>
        </View>
        {lines.map((l, i) => (
          <View key={i} style={s.line} wrap={false}>
            <View style={s.item}>
              <Text>{l.description}{l.domain ? `: ${l.domain}` : ""}</Text>
              {l.addons.map((a) => <Text key={a.label} style={s.muted}>{addonText(a.units, a, a.label)}</Text>)}
            </View>
            <Text style={s.period}>{periodText(l)}</Text>
            <Text style={s.amount}>{money(l.net)}</Text>
            <Text style={s.rate}>{lineRate(l)}</Text>
            <Text style={s.amount}>{money(l.total)}</Text>
          </View>
        ))}
        <View style={[s.sum, { marginTop: 8 }]}><Text style={s.sumLabel}>Subtotal</Text><Text style={s.amount}>{money(doc.subtotal)}</Text></View>
        {taxes.map((t) => (
          <View key={`${t.taxCategory}:${t.taxRateBp}:${t.taxName}`} style={s.sum}>
            <Text style={s.sumLabel}>{`${taxLabel(t)} on ${money(t.net)}`}</Text><Text style={s.amount}>{money(t.taxAmount)}</Text>
          </View>
        ))}
        <View style={s.total}><Text>Total  {money(invoice.amount)}</Text></View>
        {invoice.taxNote && <Text style={s.note}>{invoice.taxNote}</Text>}
        {payment && <Text style={s.note}>{`Paid ${formatDate(payment.at)} by ${payment.method}, reference ${payment.reference}: ${money(payment.amount)}`}</Text>}
      </Page>
    </Document>
  );
}

export function renderInvoicePdf(doc: Doc): Promise<Buffer> {
  return renderToBuffer(<InvoicePdf doc={doc} />);
}

/** The HTTP answer for an invoice's PDF, named after its number; another client's or a missing invoice is 404. */
export async function invoicePdfResponse(ctx: Ctx, invoiceId: string): Promise<Response> {
  let doc: Doc;
  try {
    doc = await getInvoiceDocument({ ctx, input: { invoiceId } });
  } catch (e) {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) return new Response("Invoice not found", { status: 404 });
    throw e;
  }
  const pdf = await renderInvoicePdf(doc);
  const name = invoiceName(doc.invoice).replace(/[^\w.-]+/g, "-");
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="invoice-${name}.pdf"`, "cache-control": "private, no-store" },
  });
}
