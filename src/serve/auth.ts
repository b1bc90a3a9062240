import { createHmac, timingSafeEqual } from 'node:crypto';
import { OFFICE, type OfficeRecord } from './record.ts';

/**
 * Who is asking. On the default bind (127.0.0.1, ::1, localhost) only this computer can connect, and the
 * office's pages open without a token. On any other address every request needs a token: the office's (the
 * link `serve` prints, kept in a cookie afterwards) or a unit's (its private link /u/<token>).
 */

export type Principal = { readonly kind: 'office' } | { readonly kind: 'unit'; readonly unit: string } | { readonly kind: 'anonymous' };

export const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function opensWithoutToken(host: string): boolean {
  return LOCAL_HOSTS.has(host);
}

export const OFFICE_COOKIE = 'eco_office';

export function principalOfToken(record: OfficeRecord, token: string | undefined): Principal {
  if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { kind: 'anonymous' };
  const who = record.principalOf(token);
  if (who === undefined) return { kind: 'anonymous' };
  return who === OFFICE ? { kind: 'office' } : { kind: 'unit', unit: who };
}

export function principalName(p: Principal): string {
  return p.kind === 'office' ? OFFICE : p.kind === 'unit' ? p.unit : '未认证';
}

/** The hidden form field that proves a POST comes from one of our own pages (a cross-site form cannot know it). */
export function csrfToken(secret: string, p: Principal): string {
  return createHmac('sha256', secret).update(`csrf:${principalName(p)}`).digest('base64url');
}

export function csrfMatches(secret: string, p: Principal, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const want = Buffer.from(csrfToken(secret, p));
  const got = Buffer.from(given);
  return want.length === got.length && timingSafeEqual(want, got);
}
