import type { Ctx } from "@/lib/services/context";
import type { FormState } from "@/app/admin/form-state";
import { listAudit } from "@/lib/services/audit/list";
import { creditBalance } from "@/lib/services/balance/credit";
import { createClient } from "@/lib/services/clients/create";
import { listClients } from "@/lib/services/clients/list";
import { placeOrderForClient } from "@/lib/services/clients/place-order";
import { addDepartmentMember } from "@/lib/services/departments/add-member";
import { createDepartment } from "@/lib/services/departments/create";
import { deleteDepartment } from "@/lib/services/departments/delete";
import { listDepartments } from "@/lib/services/departments/list";
import { removeDepartmentMember } from "@/lib/services/departments/remove-member";
import { updateDepartment } from "@/lib/services/departments/update";
import { checkHandlerConnection } from "@/lib/services/handlers/check-connection";
import { createHandler } from "@/lib/services/handlers/create";
import { deleteHandler } from "@/lib/services/handlers/delete";
import { getHandler } from "@/lib/services/handlers/get";
import { listHandlers } from "@/lib/services/handlers/list";
import { listHandlerTemplates } from "@/lib/services/handlers/list-templates";
import { setHandlerEnabled } from "@/lib/services/handlers/set-enabled";
import { updateHandler } from "@/lib/services/handlers/update";
import { getMail } from "@/lib/services/mail/get";
import { listMail } from "@/lib/services/mail/list";
import { resendMail } from "@/lib/services/mail/resend";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { refund } from "@/lib/services/balance/refund";
import { debit } from "@/lib/services/balance/debit";
import { voidInvoice } from "@/lib/services/invoices/void";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { cancelSetup } from "@/lib/services/services/cancel-setup";
import { retrySetup } from "@/lib/services/services/retry-setup";
import { refundOptions } from "@/lib/services/services/refund-options";
import { runInvoiceAction, runMoveBalance } from "@/app/admin/clients/money";
import { runCancelSetup, runRefundService, runRetrySetup } from "@/app/admin/services/way-out";
import { getOperation } from "@/lib/services/operations/get";
import { listOperations } from "@/lib/services/operations/list";
import { countFailingOperations } from "@/lib/services/operations/count-failing";
import { restartOperation } from "@/lib/services/operations/restart";
import { switchOperationToManual } from "@/lib/services/operations/switch-to-manual";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { updateSettings } from "@/lib/services/settings/update";
import { operationStats } from "@/lib/services/stats/operations";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { suspendClient } from "@/lib/services/clients/suspend";
import { setTaxExempt } from "@/lib/services/clients/set-tax-exempt";
import { listTaxRates } from "@/lib/services/tax/list";
import { saveTaxRate } from "@/lib/services/tax/save-rate";
import { deleteTaxRate } from "@/lib/services/tax/delete-rate";
import { updateTaxSettings } from "@/lib/services/tax/update-settings";
import { supportClient } from "@/lib/services/clients/support";
import { setupTimes } from "@/lib/services/stats/setup-times";
import { moneyByMonth, taxByRateByMonth } from "@/lib/services/stats/money-report";
import { churnByMonth, overdueInvoices, recurringRevenue } from "@/lib/services/stats/recurring";
import { createTariff } from "@/lib/services/tariffs/create";
import { getTariff } from "@/lib/services/tariffs/get";
import { listTariffs } from "@/lib/services/tariffs/list";
import { updateTariff } from "@/lib/services/tariffs/update";
import { createStaffUser } from "@/lib/services/users/create-staff";
import { listClientUsers } from "@/lib/services/users/list-for-client";
import { setUserDisabled } from "@/lib/services/users/set-disabled";
import { listStaff } from "@/lib/services/users/list-staff";
import { addClientNote } from "@/lib/services/client-notes/add";
import { listClientNotes } from "@/lib/services/client-notes/list";
import { updateStaffUser } from "@/lib/services/users/update-staff";
import { resendStaffInvitation } from "@/lib/services/users/resend-invitation";
import { listEmailTexts } from "@/lib/services/emails/list-texts";
import { saveEmailText } from "@/lib/services/emails/save-text";
import { previewEmailText } from "@/lib/services/emails/preview-text";
import { runInviteStaff, runResendInvitation, runUpdateStaff } from "@/app/admin/users/run";
import { runPreviewEmailText, runSaveEmailText } from "@/app/admin/emails/run";
import { runCreateClient, runCreditBalance, runPlaceOrder } from "@/app/admin/clients/run";
import { runAddMember, runCreateDepartment, runCreateStaff, runDeleteDepartment, runRemoveMember, runUpdateDepartment } from "@/app/admin/departments/run";
import { runCheckConnection, runCreateHandler, runDeleteHandler, runSetHandlerEnabled, runUpdateHandler } from "@/app/admin/handlers/run";
import { runResendMail } from "@/app/admin/mail/run";
import { runCancelOperation, runRestartOperation, runSwitchToManual } from "@/app/admin/operations/run";
import { runServiceOperation } from "@/app/admin/services/run";
import { runUpdateSettings } from "@/app/admin/settings/run";
import { runDeleteTaxRate, runSaveTaxRate, runUpdateTaxSettings } from "@/app/admin/settings/tax/run";
import { createCoupon } from "@/lib/services/coupons/create";
import { disableCoupon } from "@/lib/services/coupons/disable";
import { listCoupons } from "@/lib/services/coupons/list";
import { runCreateCoupon, runDisableCoupon } from "@/app/admin/coupons/run";
import { runCreateTariff, runLoadTemplates, runUpdateTariff } from "@/app/admin/tariffs/run";

export type Ids = {
  clientId: number; staffUserId: number; handlerId: number; departmentId: number; tariffId: number;
  tariffIdToOrder: number; serviceId: number; operationId: number; emailId: number;
};
type VerbCase = [string, (ctx: Ctx, ids: Ids) => Promise<unknown>];
type RunCase = [string, (ctx: Ctx, ids: Ids) => Promise<FormState>];

/** A form as the browser would post it. */
export function form(values: Record<string, string | number | (string | number)[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const one of [v].flat()) f.append(k, String(one));
  return f;
}

const tariff = (ids: Ids) => ({ name: "Refused tariff", prices: [{ months: 1, price: 100 }], handlerIds: [ids.handlerId] });

/** Valid calls of every admin-only verb: only the role check can stop them. */
export const adminVerbs: VerbCase[] = [
  ["createHandler", (ctx) => createHandler({ ctx, input: { name: "Refused handler", productType: "hosting", module: "manual" } })],
  ["updateHandler", (ctx, ids) => updateHandler({ ctx, input: { handlerId: ids.handlerId, name: "Renamed handler", priority: 1 } })],
  ["setHandlerEnabled", (ctx, ids) => setHandlerEnabled({ ctx, input: { handlerId: ids.handlerId, enabled: false } })],
  ["deleteHandler", (ctx, ids) => deleteHandler({ ctx, input: { handlerId: ids.handlerId } })],
  ["checkHandlerConnection", (ctx, ids) => checkHandlerConnection({ ctx, input: { handlerId: ids.handlerId } })],
  ["listHandlerTemplates", (ctx, ids) => listHandlerTemplates({ ctx, input: { handlerIds: [ids.handlerId] } })],
  ["listHandlers", (ctx) => listHandlers({ ctx })],
  ["getHandler", (ctx, ids) => getHandler({ ctx, input: { handlerId: ids.handlerId } })],
  ["createTariff", (ctx, ids) => createTariff({ ctx, input: { ...tariff(ids), productType: "hosting" } })],
  ["updateTariff", (ctx, ids) => updateTariff({ ctx, input: { ...tariff(ids), tariffId: ids.tariffId } })],
  ["listTariffs", (ctx) => listTariffs({ ctx })],
  ["getTariff", (ctx, ids) => getTariff({ ctx, input: { tariffId: ids.tariffId } })],
  ["createClient", (ctx) => createClient({ ctx, input: { name: "Refused client", email: "refused@example.test" } })],
  ["listClients", (ctx) => listClients({ ctx })],
  ["placeOrderForClient", (ctx, ids) => placeOrderForClient({ ctx, input: { clientId: ids.clientId, tariffId: ids.tariffIdToOrder, months: 1 } })],
  ["creditBalance", (ctx, ids) => creditBalance({ ctx, input: { clientId: ids.clientId, amount: 100 } })],
  ["suspendClient", (ctx, ids) => suspendClient({ ctx, input: { clientId: ids.clientId, suspended: true } })],
  ["supportClient", (ctx, ids) => supportClient({ ctx, input: { clientId: ids.clientId } })],
  ["createDepartment", (ctx) => createDepartment({ ctx, input: { name: "Refused department" } })],
  ["updateDepartment", (ctx, ids) => updateDepartment({ ctx, input: { departmentId: ids.departmentId, name: "Renamed department" } })],
  ["deleteDepartment", (ctx, ids) => deleteDepartment({ ctx, input: { departmentId: ids.departmentId } })],
  ["addDepartmentMember", (ctx, ids) => addDepartmentMember({ ctx, input: { departmentId: ids.departmentId, userId: ids.staffUserId } })],
  ["removeDepartmentMember", (ctx, ids) => removeDepartmentMember({ ctx, input: { departmentId: ids.departmentId, userId: ids.staffUserId } })],
  ["listDepartments", (ctx) => listDepartments({ ctx })],
  ["createStaffUser", (ctx) => createStaffUser({ ctx, input: { name: "Refused staff", email: "refused-staff@example.test", password: "long enough password" } })],
  ["updateSettings", (ctx) => updateSettings({ ctx, input: { maxAttempts: 9 } })],
  ["setTaxExempt", (ctx, ids) => setTaxExempt({ ctx, input: { clientId: ids.clientId, exempt: true, reason: "refused" } })],
  ["listTaxRates", (ctx) => listTaxRates({ ctx })],
  ["saveTaxRate", (ctx) => saveTaxRate({ ctx, input: { country: "DE", percent: 19 } })],
  ["deleteTaxRate", (ctx) => deleteTaxRate({ ctx, input: { rateId: 1 } })],
  ["createCoupon", (ctx) => createCoupon({ ctx, input: { code: "REFUSED", kind: "percent", percent: 50 } })],
  ["disableCoupon", (ctx) => disableCoupon({ ctx, input: { couponId: 1 } })],
  ["listCoupons", (ctx) => listCoupons({ ctx })],
  ["updateTaxSettings", (ctx) => updateTaxSettings({ ctx, input: { pricesIncludeTax: true, sellerCountry: "DE" } })],
  ["listMail", (ctx) => listMail({ ctx })],
  ["getMail", (ctx, ids) => getMail({ ctx, input: { emailId: ids.emailId } })],
  ["getMail (reveal)", (ctx, ids) => getMail({ ctx, input: { emailId: ids.emailId, reveal: true } })],
  ["setUserDisabled", (ctx, ids) => setUserDisabled({ ctx, input: { userId: ids.staffUserId, disabled: true } })],
  ["listStaff", (ctx) => listStaff({ ctx })],
  ["updateStaffUser", (ctx, ids) => updateStaffUser({ ctx, input: { userId: ids.staffUserId, role: "admin" } })],
  ["resendStaffInvitation", (ctx, ids) => resendStaffInvitation({ ctx, input: { userId: ids.staffUserId } })],
  ["listEmailTexts", (ctx) => listEmailTexts({ ctx })],
  ["saveEmailText", (ctx) => saveEmailText({ ctx, input: { template: "welcome-other", subject: "Refused" } })],
  ["previewEmailText", (ctx) => previewEmailText({ ctx, input: { template: "welcome-other", subject: "Refused" } })],
  ["listClientUsers", (ctx, ids) => listClientUsers({ ctx, input: { clientId: ids.clientId } })],
  ["resendMail", (ctx, ids) => resendMail({ ctx, input: { emailId: ids.emailId } })],
  ["listAudit", (ctx) => listAudit({ ctx })],
  ["operationStats", (ctx) => operationStats({ ctx })],
  ["dashboardTiles", (ctx) => dashboardTiles({ ctx })],
  ["setupTimes", (ctx) => setupTimes({ ctx })],
  ["moneyByMonth", (ctx) => moneyByMonth({ ctx })],
  ["taxByRateByMonth", (ctx) => taxByRateByMonth({ ctx })],
  ["recurringRevenue", (ctx) => recurringRevenue({ ctx })],
  ["churnByMonth", (ctx) => churnByMonth({ ctx })],
  ["overdueInvoices", (ctx) => overdueInvoices({ ctx })],
  ["refund", (ctx, ids) => refund({ ctx, input: { clientId: ids.clientId, amount: 100, reason: "refused" } })],
  ["debit", (ctx, ids) => debit({ ctx, input: { clientId: ids.clientId, amount: 100, reason: "refused" } })],
  ["voidInvoice", (ctx) => voidInvoice({ ctx, input: { invoiceId: 1, reason: "refused" } })],
  ["markInvoicePaid", (ctx) => markInvoicePaid({ ctx, input: { invoiceId: 1, reason: "refused" } })],
  ["cancelSetup", (ctx, ids) => cancelSetup({ ctx, input: { serviceId: ids.serviceId } })],
  ["retrySetup", (ctx, ids) => retrySetup({ ctx, input: { serviceId: ids.serviceId } })],
];

/** Verbs staff may use (Current operations, service actions): refused to clients and to anyone signed out. */
export const staffVerbs: VerbCase[] = [
  ["listOperations", (ctx) => listOperations({ ctx, input: {} })],
  ["getOperation", (ctx, ids) => getOperation({ ctx, input: { operationId: ids.operationId } })],
  ["restartOperation", (ctx, ids) => restartOperation({ ctx, input: { operationId: ids.operationId } })],
  ["switchOperationToManual", (ctx, ids) => switchOperationToManual({ ctx, input: { operationId: ids.operationId } })],
  ["cancelOperation", (ctx, ids) => cancelOperation({ ctx, input: { operationId: ids.operationId } })],
  ["requestServiceOperation", (ctx, ids) => requestServiceOperation({ ctx, input: { serviceId: ids.serviceId, kind: "sync" } })],
  ["countFailingOperations", (ctx) => countFailingOperations({ ctx })],
  ["refundOptions", (ctx, ids) => refundOptions({ ctx, input: { serviceId: ids.serviceId } })],
  ["addClientNote", (ctx, ids) => addClientNote({ ctx, input: { clientId: ids.clientId, body: "refused" } })],
  ["listClientNotes", (ctx, ids) => listClientNotes({ ctx, input: { clientId: ids.clientId } })],
];

/** The inner run(ctx, form) of every admin server action, with the form its page posts. */
export const adminRuns: RunCase[] = [
  ["createHandlerAction", (ctx) => runCreateHandler(ctx, form({ productType: "hosting", module: "manual", name: "Refused handler" }))],
  ["updateHandlerAction", (ctx, ids) => runUpdateHandler(ctx, form({ handlerId: ids.handlerId, name: "Renamed handler" }))],
  ["checkConnectionAction", (ctx, ids) => runCheckConnection(ctx, form({ handlerId: ids.handlerId }))],
  ["setHandlerEnabledAction", (ctx, ids) => runSetHandlerEnabled(ctx, form({ handlerId: ids.handlerId, enabled: "false" }))],
  ["deleteHandlerAction", (ctx, ids) => runDeleteHandler(ctx, form({ handlerId: ids.handlerId }))],
  ["createTariffAction", (ctx, ids) => runCreateTariff(ctx, form({ productType: "hosting", name: "Refused tariff", "price.1": "1.00", handlerIds: ids.handlerId }))],
  ["updateTariffAction", (ctx, ids) => runUpdateTariff(ctx, form({ tariffId: ids.tariffId, name: "Renamed tariff", "price.1": "1.00", handlerIds: ids.handlerId }))],
  ["loadTemplatesAction", (ctx, ids) => runLoadTemplates(ctx, [ids.handlerId])],
  ["createClientAction", (ctx) => runCreateClient(ctx, form({ name: "Refused client", email: "refused@example.test" }))],
  ["creditBalanceAction", (ctx, ids) => runCreditBalance(ctx, form({ clientId: ids.clientId, amount: "5.00", currency: "USD" }))],
  ["placeOrderAction", (ctx, ids) => runPlaceOrder(ctx, form({ clientId: ids.clientId, item: `${ids.tariffIdToOrder}:1` }))],
  ["createDepartmentAction", (ctx) => runCreateDepartment(ctx, form({ name: "Refused department" }))],
  ["updateDepartmentAction", (ctx, ids) => runUpdateDepartment(ctx, form({ departmentId: ids.departmentId, name: "Renamed department" }))],
  ["deleteDepartmentAction", (ctx, ids) => runDeleteDepartment(ctx, form({ departmentId: ids.departmentId }))],
  ["addMemberAction", (ctx, ids) => runAddMember(ctx, form({ departmentId: ids.departmentId, userId: ids.staffUserId }))],
  ["removeMemberAction", (ctx, ids) => runRemoveMember(ctx, form({ departmentId: ids.departmentId, userId: ids.staffUserId }))],
  ["createStaffAction", (ctx) => runCreateStaff(ctx, form({ name: "Refused staff", email: "refused-staff@example.test", password: "long enough password" }))],
  ["inviteStaffAction", (ctx) => runInviteStaff(ctx, form({ name: "Refused staff", email: "refused-invite@example.test" }))],
  ["updateStaffAction", (ctx, ids) => runUpdateStaff(ctx, form({ userId: String(ids.staffUserId), role: "admin" }))],
  ["resendInvitationAction", (ctx, ids) => runResendInvitation(ctx, form({ userId: String(ids.staffUserId) }))],
  ["saveEmailTextAction", (ctx) => runSaveEmailText(ctx, form({ template: "welcome-other", subject: "Refused" }))],
  ["previewEmailTextAction", (ctx) => runPreviewEmailText(ctx, form({ template: "welcome-other", subject: "Refused" }))],
  ["updateSettingsAction", (ctx) => runUpdateSettings(ctx, form({ maxAttempts: "9" }))],
  ["saveTaxRateAction", (ctx) => runSaveTaxRate(ctx, form({ country: "DE", percent: "19" }))],
  ["deleteTaxRateAction", (ctx) => runDeleteTaxRate(ctx, form({ rateId: "1" }))],
  ["createCouponAction", (ctx) => runCreateCoupon(ctx, form({ code: "REFUSED", kind: "percent", percent: "50" }))],
  ["disableCouponAction", (ctx) => runDisableCoupon(ctx, form({ couponId: "1" }))],
  ["updateTaxSettingsAction", (ctx) => runUpdateTaxSettings(ctx, form({ pricesIncludeTax: "inclusive", sellerCountry: "DE" }))],
  ["resendMailAction", (ctx, ids) => runResendMail(ctx, form({ emailId: ids.emailId }))],
  ["moveBalanceAction", (ctx, ids) => runMoveBalance(ctx, form({ clientId: ids.clientId, amount: "1.00", currency: "USD", direction: "debit", reason: "refused" }))],
  ["invoiceAction", (ctx) => runInvoiceAction(ctx, form({ invoiceId: 1, verb: "void", reason: "refused" }))],
  ["cancelSetupAction", (ctx, ids) => runCancelSetup(ctx, form({ serviceId: ids.serviceId, to: "balance", reason: "refused" }))],
  ["retrySetupAction", (ctx, ids) => runRetrySetup(ctx, form({ serviceId: ids.serviceId }))],
  ["refundServiceAction", (ctx, ids) => runRefundService(ctx, form({ serviceId: ids.serviceId, mode: "full", reason: "refused" }))],
];

/** Server actions staff may use too: refused to clients. */
export const staffRuns: RunCase[] = [
  ["restartOperationAction", (ctx, ids) => runRestartOperation(ctx, form({ operationId: ids.operationId }))],
  ["switchToManualAction", (ctx, ids) => runSwitchToManual(ctx, form({ operationId: ids.operationId }))],
  ["cancelOperationAction", (ctx, ids) => runCancelOperation(ctx, form({ operationId: ids.operationId }))],
  ["serviceOperationAction", (ctx, ids) => runServiceOperation(ctx, form({ serviceId: ids.serviceId, kind: "sync" }))],
];
