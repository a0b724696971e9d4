import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@peerseed/shared';
import { loadAccountsConfig } from './config.js';

const production = { NODE_ENV: 'production' };
const goodAdmin = { PEERSEED_ADMIN_EMAIL: 'ops@peerseed.com.br', PEERSEED_ADMIN_PASSWORD: 'a long and secret one' };

/** The problems loadAccountsConfig lists for `env` (none: it loaded). */
function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadAccountsConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('accounts config: the first ADMIN', () => {
  it('uses the development credentials when NODE_ENV is unset, development or test', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { NODE_ENV: 'test' }, { PEERSEED_ADMIN_PASSWORD: '' }]) {
      const config = loadAccountsConfig(env);
      expect([config.PEERSEED_ADMIN_EMAIL, config.PEERSEED_ADMIN_PASSWORD]).toEqual([
        'admin@peerseed.local',
        'peerseed-admin-dev',
      ]);
    }
  });

  it('refuses to start in production without both variables, naming them', () => {
    for (const env of [production, { ...production, PEERSEED_ADMIN_EMAIL: '', PEERSEED_ADMIN_PASSWORD: '' }]) {
      expect(problemsOf(env)).toEqual([
        expect.stringMatching(/^PEERSEED_ADMIN_EMAIL: must be set when NODE_ENV=production/),
        expect.stringMatching(/^PEERSEED_ADMIN_PASSWORD: must be set when NODE_ENV=production/),
      ]);
    }
    expect(problemsOf({ ...production, PEERSEED_ADMIN_EMAIL: goodAdmin.PEERSEED_ADMIN_EMAIL })).toEqual([
      expect.stringMatching(/^PEERSEED_ADMIN_PASSWORD: must be set/),
    ]);
    expect(problemsOf({ ...production, PEERSEED_ADMIN_PASSWORD: goodAdmin.PEERSEED_ADMIN_PASSWORD })).toEqual([
      expect.stringMatching(/^PEERSEED_ADMIN_EMAIL: must be set/),
    ]);
  });

  it('refuses the development password in production, even when set explicitly', () => {
    expect(problemsOf({ ...production, ...goodAdmin, PEERSEED_ADMIN_PASSWORD: 'peerseed-admin-dev' })).toEqual([
      'PEERSEED_ADMIN_PASSWORD: must not be the development default when NODE_ENV=production',
    ]);
  });

  it("applies the registration password rule to the admin's password", () => {
    expect(problemsOf({ ...production, ...goodAdmin, PEERSEED_ADMIN_PASSWORD: 'too-short' })).toEqual([
      'PEERSEED_ADMIN_PASSWORD: Password must have at least 10 characters',
    ]);
    expect(problemsOf({ PEERSEED_ADMIN_PASSWORD: ' '.repeat(12) })).toEqual([
      'PEERSEED_ADMIN_PASSWORD: Password must not be blank',
    ]);
    expect(problemsOf({ PEERSEED_ADMIN_PASSWORD: 'x'.repeat(257) })).toEqual([
      'PEERSEED_ADMIN_PASSWORD: Password must have at most 256 characters',
    ]);
  });

  it('starts in production with explicit, non-default credentials', () => {
    const config = loadAccountsConfig({ ...production, ...goodAdmin });
    expect([config.PEERSEED_ADMIN_EMAIL, config.PEERSEED_ADMIN_PASSWORD]).toEqual([
      goodAdmin.PEERSEED_ADMIN_EMAIL,
      goodAdmin.PEERSEED_ADMIN_PASSWORD,
    ]);
  });

  it('lists the missing credentials together with every other bad setting', () => {
    expect(problemsOf({ ...production, PORT: 'eighty' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/^PEERSEED_ADMIN_EMAIL: must be set/),
      expect.stringMatching(/^PEERSEED_ADMIN_PASSWORD: must be set/),
    ]);
  });
});

describe('accounts config: signing key activation delay', () => {
  it('publishes a rotated-in key 120 s before it signs, and refuses less than reload + JWKS cache (90 s)', () => {
    expect(loadAccountsConfig({}).SIGNING_KEY_ACTIVATION_DELAY_SECONDS).toBe(120);
    expect(
      loadAccountsConfig({ SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '90' }).SIGNING_KEY_ACTIVATION_DELAY_SECONDS,
    ).toBe(90);
    expect(problemsOf({ SIGNING_KEY_ACTIVATION_DELAY_SECONDS: '89' })).toEqual([
      expect.stringMatching(/^SIGNING_KEY_ACTIVATION_DELAY_SECONDS: /),
    ]);
  });
});
