import { ValidationError } from '@peerseed/shared/domain';

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{7,14}$/;

// Long enough for any formatted number; anything longer is not a phone number.
const RAW_MAX = 32;
const FORMATTING = /[\s().-]/g;

/**
 * Normalises a phone number to E.164, accepting what Brazilian users commonly type:
 * formatting characters are dropped (`+55 (11) 98765-4321`), an international `00`
 * prefix becomes `+`, and a national number with its area code — 10 or 11 digits,
 * optionally behind the trunk prefix 0 (`(011) 98765-4321`) — gets Brazil's +55, and
 * 12 or 13 digits starting with 55 are read as a Brazilian number missing its plus.
 * Anything else must already be E.164. Empty means no phone.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  if (raw.length > RAW_MAX) throw new ValidationError(`Phone must have at most ${RAW_MAX} characters`, 'phone');
  let value = raw.replace(FORMATTING, '');
  if (value.startsWith('00')) value = `+${value.slice(2)}`;
  if (/^\d+$/.test(value)) {
    const national = value.startsWith('0') ? value.slice(1) : value;
    if (/^[1-9]\d{9,10}$/.test(national)) value = `+55${national}`;
    else if (/^55[1-9]\d{9,10}$/.test(value)) value = `+${value}`; // country code without the plus
  }
  if (!E164.test(value)) {
    throw new ValidationError('Phone must be in E.164 format, e.g. +5511987654321', 'phone');
  }
  return value;
}
