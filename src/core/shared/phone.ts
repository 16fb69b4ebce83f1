/** Digits with the usual separators, 8 to 15 digits (E.164 allows at most 15). */
export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return /^\+?[0-9 ()\-.]+$/.test(value) && digits >= 8 && digits <= 15;
}
