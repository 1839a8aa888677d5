/**
 * What can be read from a report's HTML without a browser: its sections, its charts' accessible
 * names, its Content-Security-Policy, and the figures in its tables.
 */

import { expect } from 'vitest';

export interface SectionHead {
  readonly id: string | null;
  readonly title: string;
  readonly noData: boolean;
  /** The section's markup, from its opening tag to its closing one. */
  readonly markup: string;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Undoes the five entities the report's escaping writes. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
}

/** The report's top-level sections in page order (sections are never nested). */
export function sections(page: string): SectionHead[] {
  const re = /<section class="report-section([^"]*)"(?: id="([^"]+)")?><h2>([^<]*)<\/h2>[\s\S]*?<\/section>/g;
  return [...page.matchAll(re)].map((m) => ({
    id: m[2] ?? null,
    title: unescapeHtml(m[3]!),
    noData: m[1]!.split(' ').includes('no-data'),
    markup: m[0],
  }));
}

/** The one section with this id; throws when there is none, so a missing section fails loudly. */
export function sectionById(page: string, id: string): string {
  const s = sections(page).find((x) => x.id === id);
  if (s === undefined) throw new Error(`no section with id "${id}"`);
  return s.markup;
}

/** Every `<svg …>` opening tag. */
export function svgOpenTags(page: string): string[] {
  return [...page.matchAll(/<svg\b[^>]*>/gi)].map((m) => m[0]);
}

/** The attribute's value on one tag, unescaped; null when absent. */
export function attribute(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeHtml(m[1]!) : null;
}

/** The CSP of the page's `<meta http-equiv>`, as directive → sources; null when there is none. */
export function metaCsp(page: string): Map<string, string[]> | null {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/i.exec(page);
  if (!m) return null;
  const directives = unescapeHtml(m[1]!).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0] !== undefined && d[0] !== '');
  return new Map(directives.map(([name, ...sources]) => [name!, sources]));
}

/** The value cell of the table row headed `rowHeader` (exact text), unescaped. */
export function rowValue(markup: string, rowHeader: string): string | null {
  for (const m of markup.matchAll(/<tr><th scope="row">([^<]*)<\/th><td[^>]*>([^<]*)<\/td>/g)) {
    if (unescapeHtml(m[1]!) === rowHeader) return unescapeHtml(m[2]!);
  }
  return null;
}

/** `14,224.1 tCO2e` → 14224.1. */
export function tonnes(cell: string): number {
  const m = /^(-?[\d,]+(?:\.\d+)?) tCO2e$/.exec(cell);
  if (!m) throw new Error(`"${cell}" is not a figure in tCO2e`);
  return Number(m[1]!.replace(/,/g, ''));
}

/**
 * A page that loads nothing but itself: no scripts, nothing that would fetch (no src/href
 * attributes, no CSS imports or remote url()), and a Content-Security-Policy, before anything it
 * governs, that lets nothing in from a host, a scheme other than data:, or the file's own origin.
 */
export function expectSelfContained(page: string): void {
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/\s(?:src|href|xlink:href)\s*=/i);
  expect(page).not.toMatch(/@import|url\(\s*(?!['"]?#)/i);
  const csp = metaCsp(page);
  expect(csp).not.toBeNull();
  expect(csp!.get('default-src')).toEqual(["'none'"]);
  expect(csp!.get('base-uri')).toEqual(["'none'"]);
  expect(csp!.get('form-action')).toEqual(["'none'"]);
  for (const [directive, sources] of csp!) {
    for (const source of sources) expect(["'none'", "'unsafe-inline'", 'data:'], `${directive} ${source}`).toContain(source);
  }
  expect(csp!.has('script-src')).toBe(false);
  expect(page.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(page.indexOf('<style>'));
}
