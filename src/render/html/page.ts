/** The page shell every report shares: self-contained, nothing loaded from anywhere. */

import type { Html } from './escape.js';
import { html, trustedHtml } from './escape.js';
import { REPORT_CSS } from './styles.js';

/**
 * Nothing may be fetched and no script may run: a report is opened from a shared drive or an
 * email, often offline, and must show the same thing everywhere. Charts are inline SVG, so they
 * need no `img-src` beyond `data:`.
 */
export const REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export interface PageInput {
  readonly title: string;
  /** A line under the title: organisation, period. */
  readonly subtitle?: string;
  /** BCP 47 language tag; default `en-GB`. */
  readonly lang?: string;
  readonly body: Html;
  /** Print the tables of numbers under each chart; default false: on paper they are left out (the screen has them). */
  readonly printTables?: boolean;
}

/** A complete HTML document. No timestamp is added: the same input gives the same bytes. */
export function renderPage(input: PageInput): string {
  const doc = html`<!doctype html>
<html lang="${input.lang ?? 'en-GB'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${trustedHtml(REPORT_CSS)}</style>
</head>
<body${input.printTables === true ? html` class="print-tables"` : null}>
<header><h1>${input.title}</h1>${input.subtitle === undefined ? null : html`<p class="subtitle">${input.subtitle}</p>`}</header>
<main>
${input.body}
</main>
</body>
</html>
`;
  return doc.toString();
}
