/** The provider's details printed on invoices (INVOICE_SELLER_* variables). */
export function sellerDetails() {
  return {
    name: process.env.INVOICE_SELLER_NAME || "Provisio Hosting",
    address: (process.env.INVOICE_SELLER_ADDRESS || "").split("|").map((l) => l.trim()).filter(Boolean),
    taxId: process.env.INVOICE_SELLER_TAX_ID || null,
    email: process.env.INVOICE_SELLER_EMAIL || null,
  };
}
export type Seller = ReturnType<typeof sellerDetails>;
