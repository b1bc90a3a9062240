import os from 'node:os';
import { LOCAL_HOSTS } from './auth.ts';

/**
 * Which names this server answers to. A browser sends the name it looked up as `Host`; a page on a rebinding
 * domain (evil.example resolving to 127.0.0.1) reaches our port with its own name there, so only our own names
 * are served: on a local bind 127.0.0.1, localhost and [::1] with our port; on a LAN bind the addresses it
 * listens on (every interface's for 0.0.0.0 / ::) and the host of `--public-url`. A POST's Origin must be one
 * of the same list, never simply equal to Host (which the attacker's page names itself).
 */

export interface OurOrigins {
  /** `host:port` forms we answer to, lower case, IPv6 in brackets */
  readonly hosts: ReadonlySet<string>;
  /** the address links are made with: `--public-url`, else the LAN address, else the bind address */
  readonly base: string;
}

const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
const ANY = new Set(['0.0.0.0', '::', '[::]', '']);

/** The machine's own addresses on every interface (LAN first, loopback last). */
export function interfaceAddresses(): string[] {
  const all = Object.values(os.networkInterfaces()).flat().filter((a): a is os.NetworkInterfaceInfo => a !== undefined);
  const order = (a: os.NetworkInterfaceInfo) => (a.internal ? 2 : a.family === 'IPv4' ? 0 : 1);
  return [...all].sort((a, b) => order(a) - order(b)).map((a) => a.address);
}

export function ourOrigins(bindHost: string, port: number, publicUrl?: string, addresses: () => string[] = interfaceAddresses): OurOrigins {
  const hosts = new Set<string>();
  const add = (name: string) => hosts.add(`${bracket(name.toLowerCase())}:${port}`);
  let base: string;
  if (LOCAL_HOSTS.has(bindHost)) {
    for (const name of LOCAL_HOSTS) add(name);
    base = `http://${bracket(bindHost)}:${port}`;
  } else if (ANY.has(bindHost)) {
    const list = addresses();
    for (const a of list) add(a);
    for (const name of LOCAL_HOSTS) add(name);
    const lan = list.find((a) => !a.includes(':') && !a.startsWith('127.')) ?? list[0] ?? '127.0.0.1';
    base = `http://${bracket(lan)}:${port}`;
  } else {
    add(bindHost);
    base = `http://${bracket(bindHost)}:${port}`;
  }
  if (publicUrl) {
    const u = new URL(publicUrl);
    hosts.add(u.host.toLowerCase());
    // a default port is left out of Host by browsers
    if (!u.port) hosts.add(`${u.hostname.toLowerCase()}:${u.protocol === 'https:' ? 443 : 80}`);
    base = u.origin;
  }
  return { hosts, base };
}

/** Host as sent (`name:port`), normalised as `hosts` holds it; a Host without a port has the scheme's default. */
function hostKey(host: string): string {
  const h = host.trim().toLowerCase();
  return /:\d+$/.test(h) ? h : `${h}:80`;
}

export function servesHost(origins: OurOrigins, host: string | undefined): boolean {
  if (!host) return false;
  return origins.hosts.has(hostKey(host)) || origins.hosts.has(host.trim().toLowerCase());
}

/**
 * A POST from another site: Sec-Fetch-Site says so, or Origin is not one of ours (Origin: null, from a
 * sandboxed frame or a file, is refused too). No Origin at all (an old browser, a script) passes here; the
 * form's CSRF token still has to match.
 */
export function foreignOrigin(origins: OurOrigins, header: (name: string) => string | undefined): boolean {
  const site = header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = header('origin');
  if (!origin) return false;
  try {
    const u = new URL(origin);
    return !(u.protocol === 'http:' || u.protocol === 'https:') || !servesHost(origins, u.host || 'x');
  } catch {
    return true;
  }
}

/** Sent with every response: no page of ours may be shown inside another site's frame (and the three below). */
export const FRAME_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  // and on every answer: no type guessed from the bytes, no link (a unit's token is in its path) sent on as
  // Referer, no page kept on a shared office computer's disk (the page showing a new link above all)
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * A request's path as the record keeps it: every segment that could be a link token (a unit's /u/<token>,
 * whatever the case of u, percent-encoded or not) is shown as …, and so is anything after `token=`.
 */
export function recordedPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // keep it as sent
  }
  return decoded
    .split('/')
    .map((seg) => (/[A-Za-z0-9_-]{16,}/.test(seg) || /token/i.test(seg) ? '…' : seg))
    .join('/')
    .slice(0, 300);
}
