/**
 * Where a webhook may be sent: an address on the public internet, unless the operator allows the
 * others (`RAPPORT_WEBHOOK_PRIVATE_TARGETS`). Pure: the caller resolves names and passes addresses.
 */
export type AddressKind = 'public' | 'unspecified' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'shared' | 'multicast' | 'reserved';

function ipv4Bytes(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : null;
}

function kindOfIpv4([a, b, c, d]: number[]): AddressKind {
  if (a === 169 && b === 254 && c === 169 && d === 254) return 'metadata'; // AWS, GCP, Azure, OpenStack…
  if (a === 100 && b === 100 && c === 100 && d === 200) return 'metadata'; // Alibaba Cloud
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b! >= 64 && b! <= 127) return 'shared'; // carrier-grade NAT
  if ((a === 192 && b === 0 && c === 0) || (a === 198 && (b === 18 || b === 19))) return 'reserved';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved';
  return 'public';
}

/** The 8 groups of an IPv6 address (with an embedded dotted IPv4 tail), or null. */
function ipv6Groups(text: string): number[] | null {
  let body = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (tail) {
    const bytes = ipv4Bytes(tail[1]!);
    if (!bytes) return null;
    body = `${body.slice(0, tail.index)}:${((bytes[0]! << 8) | bytes[1]!).toString(16)}:${((bytes[2]! << 8) | bytes[3]!).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(body) || (body.match(/::/g) ?? []).length > 1) return null;
  const [head, rest] = body.includes('::') ? body.split('::') : [body, undefined];
  const left = head ? head.split(':') : [];
  const right = rest === undefined ? [] : rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right];
  if (groups.some((group) => !/^[0-9a-f]{1,4}$/.test(group))) return null;
  return groups.map((group) => parseInt(group, 16));
}

function kindOfIpv6(g: number[]): AddressKind {
  const embedded = [g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255];
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return kindOfIpv4(embedded); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return kindOfIpv4(embedded); // NAT64
  if (g.slice(0, 6).every((x) => x === 0) && (g[6] !== 0 || g[7]! > 1)) return kindOfIpv4(embedded); // ::a.b.c.d (deprecated)
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g[7] === 0x254 && g.slice(2, 7).every((x) => x === 0)) return 'metadata'; // AWS over IPv6
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  return 'public';
}

/** What kind of address an IP literal is, or null when it is not one. */
export function addressKind(ip: string): AddressKind | null {
  const v4 = ipv4Bytes(ip);
  if (v4) return kindOfIpv4(v4);
  const v6 = ip.includes(':') ? ipv6Groups(ip) : null;
  return v6 ? kindOfIpv6(v6) : null;
}

// Names that mean this machine or a cloud's metadata service whatever DNS says.
const INTERNAL_NAMES = /^(localhost|.*\.localhost|metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal)\.?$/i;

export type TargetDecision = { ok: true } | { ok: false; kind: AddressKind; address: string };

/**
 * May a webhook be delivered to `host`, which resolves to `addresses`? Every address must be
 * public (one private answer is enough to reach inside), unless the operator allows the others.
 */
export function decideWebhookTarget(host: string, addresses: readonly string[], allowPrivate: boolean): TargetDecision {
  if (allowPrivate) return { ok: true };
  if (INTERNAL_NAMES.test(host)) return { ok: false, kind: 'loopback', address: host };
  for (const address of addresses) {
    const kind = addressKind(address) ?? 'reserved';
    if (kind !== 'public') return { ok: false, kind, address };
  }
  return { ok: true };
}
