import net from 'node:net';

/** RUNLENS_AUTH_TRUSTED_PROXIES: comma-separated addresses and CIDR ranges, IPv4 or IPv6. */
export type ParsedProxies = { ok: true; list: net.BlockList; entries: string[] } | { ok: false; problem: string };

export function parseTrustedProxies(text: string): ParsedProxies {
  const entries = text.split(',').map((e) => e.trim()).filter((e) => e !== '');
  if (entries.length === 0) return { ok: false, problem: 'is empty: list the addresses of your auth proxy, e.g. 10.0.0.5 or 10.0.0.0/24' };
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address = '', prefixText, extra] = entry.split('/');
    const family = net.isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max || (prefixText !== undefined && !/^\d+$/.test(prefixText))) {
      return { ok: false, problem: `"${entry}" is not an IP address or CIDR range (e.g. 10.0.0.5, 10.0.0.0/24, fd00::/8)` };
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return { ok: true, list, entries };
}

/** True when the connecting peer is one of the trusted proxies; `::ffff:a.b.c.d` counts as a.b.c.d. */
export function isTrustedPeer(list: net.BlockList, peer: string | null): boolean {
  if (!peer) return false;
  const address = peer.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  const family = net.isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
