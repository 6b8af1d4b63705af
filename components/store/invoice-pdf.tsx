import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import { getInvoiceDocument, type InvoiceDocument as Doc } from "@/lib/services/invoices/get-document";
import type { Ctx } from "@/lib/services/context";
import { AppError } from "@/lib/errors";
import { invoiceName } from "@/lib/billing/invoice-format";
import { formatMoney } from "@/components/ui/money";
import { addonText, formatDate, periodLabel } from "./labels";

const s = StyleSheet.create({
  page: { padding: 40, fontSize: 10, fontFamily: "Helvetica", color: "#0f172a" },
  row: { flexDirection: "row", justifyContent: "space-between" },
  seller: { fontSize: 14, fontFamily: "Helvetica-Bold", marginBottom: 2 },
  muted: { color: "#475569" },
  label: { fontSize: 8, color: "#64748b", marginTop: 18, marginBottom: 2 },
  head: { flexDirection: "row", borderBottom: "1pt solid #cbd5e1", paddingBottom: 4, marginTop: 18, fontSize: 8, color: "#64748b" },
  line: { flexDirection: "row", borderBottom: "0.5pt solid #e2e8f0", paddingVertical: 5 },
  item: { flex: 1, paddingRight: 8 },
  period: { width: 80 },
  amount: { width: 90, textAlign: "right" },
  total: { flexDirection: "row", justifyContent: "flex-end", marginTop: 8, fontFamily: "Helvetica-Bold", fontSize: 12 },
});

const statusText = { unpaid: "Unpaid", paid: "Paid", cancelled: "Void" } as const;

/** The invoice as a PDF file: the same parties, dates, lines and total as the page. */
function InvoicePdf({ doc }: { doc: Doc }) {
  const { invoice, lines, seller, billTo } = doc;
  const facts: [string, string][] = [
    ["Invoice", invoiceName(invoice)],
    ["Issued", formatDate(invoice.issuedAt ?? invoice.createdAt)],
    ...(invoice.status === "unpaid" && invoice.dueAt ? [["Due", formatDate(invoice.dueAt)] as [string, string]] : []),
    ["Status", invoice.status === "paid" ? `Paid ${formatDate(invoice.paidAt)}` : statusText[invoice.status]],
  ];
  return (
    <Document title={`Invoice ${invoiceName(invoice)}`} author={seller.name}>
      <Page size="A4" style={s.page}>
        <View style={s.row}>
          <View>
            <Text style={s.seller}>{seller.name}</Text>
            {seller.address.map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
            {seller.email && <Text style={s.muted}>{seller.email}</Text>}
            {seller.taxId && <Text style={s.muted}>{`Tax ID ${seller.taxId}`}</Text>}
          </View>
          <View>
            {facts.map(([k, v]) => <Text key={k} style={{ textAlign: "right" }}><Text style={s.muted}>{k}  </Text>{v}</Text>)}
          </View>
        </View>
        <Text style={s.label}>BILL TO</Text>
        <Text>{billTo.name}{billTo.company ? `, ${billTo.company}` : ""}</Text>
        {billTo.address.map((l) => <Text key={l} style={s.muted}>{l}</Text>)}
        <Text style={s.muted}>{billTo.email} · client #{billTo.id}</Text>
        <View style={s.head}>
          <Text style={s.item}>ITEM</Text><Text style={s.period}>PERIOD</Text><Text style={s.amount}>AMOUNT</Text>
        </View>
        {lines.map((l, i) => (
          <View key={i} style={s.line} wrap={false}>
            <View style={s.item}>
              <Text>{l.description}{l.domain ? `: ${l.domain}` : ""}</Text>
              {l.addons.map((a) => <Text key={a.label} style={s.muted}>{addonText(a.units, a, a.label)}</Text>)}
            </View>
            <Text style={s.period}>{l.period ? periodLabel(l.period) : "-"}</Text>
            <Text style={s.amount}>{formatMoney(l.amount, invoice.currency)}</Text>
          </View>
        ))}
        <View style={s.total}><Text>Total  {formatMoney(invoice.amount, invoice.currency)}</Text></View>
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
