import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, isIPv4 } from 'node:net';

/**
 * Whether the address at `hop` (0: the socket's peer, 1: the last X-Forwarded-For entry, …) is a
 * proxy of ours, so the entry before it in X-Forwarded-For can be believed.
 */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** The default: no proxy is trusted, the client is the socket's peer and X-Forwarded-For is ignored. */
export const trustNoProxy: TrustedProxies = () => false;

// The names express's `trust proxy` (proxy-addr) accepts, with the same ranges.
const NAMED_RANGES: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

/**
 * Parses TRUST_PROXY as express's `trust proxy` setting does, minus `true`: `false` (or empty)
 * trusts nothing; a number N trusts the N proxies nearest the gateway; otherwise a comma-separated
 * list of addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal`. `true`
 * (trust every hop) is refused: with it the client itself chooses the address it is counted under.
 */
export function parseTrustProxy(value: string): TrustedProxies {
  const setting = value.trim();
  if (setting === '' || setting === 'false') return trustNoProxy;
  if (setting === 'true') {
    throw new Error('true would let any client pick its address: give the number of proxies or their addresses');
  }
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return hops === 0 ? trustNoProxy : (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of setting.split(',').map((part) => part.trim())) {
    for (const range of NAMED_RANGES[entry] ?? [entry]) {
      const [address = '', prefix] = range.split('/');
      const family = isIP(address);
      const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
      // A prefix present must have digits: "10.0.0.0/" would read as /0, trusting every address.
      if (family === 0 || (prefix !== undefined && !/^\d+$/.test(prefix)) || bits > (family === 4 ? 32 : 128)) {
        throw new Error(`"${entry}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`);
      }
      list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
    }
  }
  return (address) => list.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}

/** An address as sockets and proxies write it, made comparable: no IPv4-mapped form, zone, brackets or port. */
export function normalizeAddress(raw: string): string {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The client's address: the socket's peer, or, walking X-Forwarded-For from its end while the hop
 * is a trusted proxy, the first address no trusted proxy stands for (what express's `req.ip` gives).
 * An entry that is not an IP address ends the walk: nothing before it is believed.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: TrustedProxies,
): string {
  let client = normalizeAddress(socketAddress ?? '');
  if (trusted === trustNoProxy || !forwardedFor) return client || 'unknown';
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').reverse();
  for (let hop = 0; hop < hops.length && isIP(client) !== 0 && trusted(client, hop); hop++) {
    const previous = normalizeAddress(hops[hop]!);
    if (isIP(previous) === 0) break;
    client = previous;
  }
  return client || 'unknown';
}

/** {@link clientAddress} of a request. */
export const requestClientAddress = (req: IncomingMessage, trusted: TrustedProxies): string =>
  clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trusted);

/**
 * The key a client is counted under: its IPv4 address, or the /64 network of its IPv6 address,
 * since one subscriber usually gets a whole /64 and could otherwise take a new address per attempt.
 */
export function rateLimitKey(raw: string): string {
  const address = normalizeAddress(raw);
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  // An embedded IPv4 tail (::ffff:…, 64:ff9b::…) fills the last two groups.
  const rightGroups = right.length + (right.at(-1)?.includes('.') ? 1 : 0);
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - rightGroups)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
