import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@peerseed/shared';
import { trustNoProxy } from '../../src/auth-rate-limit/index.js';
import { loadGatewayConfig } from '../../src/config.js';

describe('sign-in rate limit settings', () => {
  it('default to 10 a minute in bursts of 10, trusting no proxy, counting in memory', () => {
    const config = loadGatewayConfig({});
    expect([config.AUTH_RATE_LIMIT_PER_MINUTE, config.AUTH_RATE_LIMIT_BURST]).toEqual([10, 10]);
    expect(config.TRUST_PROXY).toBe(trustNoProxy);
    expect(config.REDIS_URL).toBeUndefined();
    expect(loadGatewayConfig({ REDIS_URL: '' }).REDIS_URL).toBeUndefined();
  });

  it('refuse to start on a limit that is not a positive integer or a proxy setting anyone could spoof', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadGatewayConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ AUTH_RATE_LIMIT_PER_MINUTE: '0', AUTH_RATE_LIMIT_BURST: 'ten', TRUST_PROXY: 'true' })).toEqual([
      expect.stringMatching(/^AUTH_RATE_LIMIT_PER_MINUTE: /),
      expect.stringMatching(/^AUTH_RATE_LIMIT_BURST: /),
      expect.stringMatching(/^TRUST_PROXY: true would let any client pick its address/),
    ]);
    expect(problems({ TRUST_PROXY: 'my-load-balancer' })).toEqual([expect.stringMatching(/^TRUST_PROXY: "my-load/)]);
    const trusted = loadGatewayConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY;
    expect([trusted('10.1.2.3', 0), trusted('::1', 0), trusted('203.0.113.7', 0)]).toEqual([true, true, false]);
  });
});
