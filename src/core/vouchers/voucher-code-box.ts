import { seal, unseal } from '../staff/secret-box.js';

/**
 * A voucher's code at rest: sealed under the platform key and bound to the voucher's id, so that a
 * stolen database alone spends no voucher, and a sealed code moved to another row does not open.
 * Typed codes are found by their hash (voucherCodeKey), never by opening every seal.
 */
function boundTo(voucherId: string): string {
  return `voucher-code:${voucherId}`;
}

export function sealVoucherCode(secretKey: Buffer, voucherId: string, code: string): string {
  return seal(secretKey, code, boundTo(voucherId));
}

/** The voucher's code, to mail it; throws when sealed under another key or for another voucher. */
export function openVoucherCode(secretKey: Buffer, voucherId: string, sealed: string): string {
  return unseal(secretKey, sealed, boundTo(voucherId));
}
