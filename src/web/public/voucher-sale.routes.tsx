import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { isLanguage } from '../../core/shared/language.js';
import { readCurrentTerms } from '../../core/venues/venue-terms.service.js';
import { parseVoucherSale, type VoucherSaleForm, voucherSalePath } from '../../core/vouchers/voucher-sale.js';
import { startVoucherSale, voucherSaleByLink, type VoucherSaleOffer, voucherSaleOffer } from '../../core/vouchers/voucher-sale.service.js';
import { type AppContext, paymentContextOf } from '../app-context.js';
import { fieldMessages, type FieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { setLanguageCookie, uiFor } from '../plugins/language.js';
import { checkoutTarget } from '../plugins/redirects.js';
import type { Ui } from '../views/ui.js';
import { VoucherSalePage } from '../views/voucher-sale.page.js';
import { VoucherSaleReturnPage } from '../views/voucher-sale-return.page.js';
import { isThrottled, refuseThrottled } from './booking-throttle.js';
import { sendPage } from './respond.js';

type VenueRequest = FastifyRequest<{ Params: { slug: string } }>;
type SaleRequest = FastifyRequest<{ Params: { voucherId: string; token: string } }>;

const EMPTY: VoucherSaleForm = {
  amount: '',
  otherAmount: '',
  buyerName: '',
  buyerEmail: '',
  recipientName: '',
  message: '',
  acceptTerms: false,
};

function valuesFrom(body: unknown): VoucherSaleForm {
  const field = (name: keyof VoucherSaleForm) => formField(body, name);
  return {
    amount: field('amount'),
    otherAmount: field('otherAmount'),
    buyerName: field('buyerName'),
    buyerEmail: field('buyerEmail'),
    recipientName: field('recipientName'),
    message: field('message'),
    acceptTerms: field('acceptTerms') === 'yes',
  };
}

/**
 * Gift vouchers sold online (core/vouchers/voucher-sale.service.ts): the venue's voucher page, its
 * form, which sends the buyer to Mollie's checkout (303; a navigation, so CSP's form-action still
 * allows posting to this site only), and the page the checkout sends them back to, behind a token
 * only the sale's own redirect carries. Mollie's webhook is the payments' (`/payments/webhook`).
 * No cookie but the language one a visitor sets by picking a language; works without JavaScript.
 */
export async function voucherSaleRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, linkKey, publicUrl } = context;
  const payments = paymentContextOf(context);

  async function page(ui: Ui, offer: VoucherSaleOffer, values: VoucherSaleForm, errors: FieldMessages = {}, refusal?: string) {
    return (
      <VoucherSalePage
        ui={ui}
        {...offer}
        terms={await readCurrentTerms(db, offer.venue.id)}
        values={values}
        errors={errors}
        refusal={refusal}
      />
    );
  }

  app.get('/venues/:slug/vouchers', async (request: VenueRequest, reply) => {
    const offer = await voucherSaleOffer(db, clock, payments, request.params.slug);
    return sendPage(reply, 200, await page(uiFor(request), offer, EMPTY));
  });

  app.post('/venues/:slug/vouchers', async (request: VenueRequest, reply: FastifyReply) => {
    const offer = await voucherSaleOffer(db, clock, payments, request.params.slug);
    const picked = formField(request.body, 'lang');
    const values = valuesFrom(request.body);
    if (isLanguage(picked)) {
      setLanguageCookie(request, reply, picked, publicUrl);
      return sendPage(reply, 200, await page(uiFor(request, picked), offer, values));
    }
    const ui = uiFor(request);
    // Not sold online at this venue (no Mollie key serves it): the page says they are sold at the venue; nothing failed.
    if (!offer.online) return sendPage(reply, 409, await page(ui, offer, values));
    const parsed = parseVoucherSale(values, ui.lang);
    if (!parsed.ok) {
      const errors = fieldMessages(ui.t, parsed.errors);
      if (errors.acceptTerms) errors.acceptTerms = ui.t('voucher_sale.must_accept');
      return sendPage(reply, FIELD_ERRORS_STATUS, await page(ui, offer, values, errors));
    }
    try {
      const { voucherId, checkoutUrl } = await startVoucherSale(db, clock, payments, linkKey, {
        venueId: offer.venue.id,
        input: parsed.value,
        client: clientAddress(request.ip),
      });
      // A checkout URL that may not be redirected to (not https): as if the provider were unavailable.
      if (!checkoutTarget(checkoutUrl)) throw new DomainError('payment_unavailable');
      // To the sale's own page, whose pay link (a GET) goes on to the checkout: CSP's form-action
      // 'self' holds for every redirect a form's post leads to, so a post may not end at Mollie.
      return reply.seeOther(voucherSalePath(linkKey, voucherId));
    } catch (error) {
      if (isThrottled(error)) {
        const refusal = refuseThrottled(error, ui, reply, clock);
        return sendPage(reply, statusOfDomainError('throttled'), await page(ui, offer, values, {}, refusal));
      }
      if (error instanceof DomainError && error.code === 'payment_unavailable') {
        const refusal = ui.t('error.payment_unavailable');
        return sendPage(reply, statusOfDomainError(error.code), await page(ui, offer, values, {}, refusal));
      }
      throw error;
    }
  });

  async function saleOf(request: SaleRequest) {
    const { voucherId, token } = request.params;
    const found =
      isKey(voucherId) && isKey(token) ? await voucherSaleByLink(db, clock, payments, linkKey, { voucherId, token }) : undefined;
    if (!found) throw new DomainError('not_found');
    return { ...found, path: voucherSalePath(linkKey, voucherId) };
  }

  app.get('/vouchers/sales/:voucherId/:token', async (request: SaleRequest, reply) => {
    const { venue, sale, path } = await saleOf(request);
    const payable = sale.outcome === 'waiting' && checkoutTarget(sale.checkoutUrl ?? '') !== undefined;
    return sendPage(reply, 200, <VoucherSaleReturnPage ui={uiFor(request)} venue={venue} sale={sale} path={path} payable={payable} />);
  });

  // The pay link: a navigation, so it may end at Mollie's checkout; a sale no longer open goes back to its page.
  app.get('/vouchers/sales/:voucherId/:token/pay', async (request: SaleRequest, reply) => {
    const { sale, path } = await saleOf(request);
    const target = sale.outcome === 'waiting' ? checkoutTarget(sale.checkoutUrl ?? '') : undefined;
    return target ? reply.toCheckout(sale.checkoutUrl!) : reply.seeOther(path);
  });
}
