/** Bodies larger than this are refused with 413: a booking or a back-office form is a few hundred bytes. */
export const BODY_LIMIT = 64 * 1024;
