import { boolean, check, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { productTypes } from "../../vocabulary";
import { createdAt, id, updatedAt } from "./_columns";
import { oneOf } from "./_checks";

export const tariffs = pgTable(
  "tariffs",
  {
    id: id(),
    productType: text({ enum: productTypes }).notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Account template name in the panel (preset, package, OS template). */
    template: text(),
    /** For domains: the TLDs this tariff sells, without dots. */
    tlds: text().array().notNull().default([]),
    currency: text().notNull().default("USD"),
    published: boolean().notNull().default(false),
    /** Sold even with no enabled handler: staff set its services up by hand, as tasks. */
    sellWithoutHandler: boolean().notNull().default(false),
    /** Closing now gives the unused part of the paid period back to the balance, pro rata. */
    refundUnusedOnClose: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tariffs_name_key").on(t.productType, t.name),
    check("tariffs_product_type_check", oneOf(t.productType, productTypes)),
  ],
);
