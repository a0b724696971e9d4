import { describe, expect, it } from '@jest/globals';
import { ValidationError } from '@peerseed/shared/domain';
import { normalizePhone } from './phone-number.js';

describe('phone numbers (E.164, with common Brazilian input)', () => {
  it.each([
    ['+5511987654321', '+5511987654321'],
    ['+55 (11) 98765-4321', '+5511987654321'],
    ['(11) 98765-4321', '+5511987654321'],
    ['11 3456-7890', '+551134567890'],
    ['(011) 98765-4321', '+5511987654321'],
    ['0055 11 98765 4321', '+5511987654321'],
    ['5511987654321', '+5511987654321'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s → %s', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });

  it.each([null, undefined, '', '   '])('%p means no phone', (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });

  it.each(['123456789', '+12345', '+0 11 98765 4321', '98765-4321', '+55 11 98765-4321 ext 2', '+5511987654321123'])(
    'refuses %s',
    (raw) => {
      expect(() => normalizePhone(raw)).toThrow(ValidationError);
    },
  );
});
