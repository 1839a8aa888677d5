/** The building blocks of a report page; each returns escaped, trusted `Html`. */

import type { Html } from './escape.js';
import { html, trustedHtml } from './escape.js';
import { trustedSvg } from './svg-safety.js';

export interface TableColumn {
  readonly header: string;
  /** Right-aligned, for figures. */
  readonly numeric?: boolean;
}

/** A table of already formatted cells; the first column names the row. */
export interface DataTable {
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly string[])[];
}

/** `fig-1`, `trajectory-nhs`: lower-case letters, digits and hyphens, starting with a letter. */
const ID = /^[a-z][a-z0-9-]*$/;

function checkId(id: string): string {
  if (!ID.test(id)) throw new Error(`"${id}" is not a usable element id (use lower-case letters, digits and hyphens)`);
  return id;
}

export function dataTable(table: DataTable, caption?: string): Html {
  const cls = (c: TableColumn | undefined): string | undefined => (c?.numeric ? 'num' : undefined);
  const head = table.columns.map((c) => html`<th scope="col"${attr('class', cls(c))}>${c.header}</th>`);
  const body = table.rows.map(
    (row) =>
      html`<tr>${row.map((cell, i) =>
        i === 0 ? html`<th scope="row">${cell}</th>` : html`<td${attr('class', cls(table.columns[i]))}>${cell}</td>`,
      )}</tr>`,
  );
  return html`<table>${caption === undefined ? null : html`<caption>${caption}</caption>`}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function attr(name: string, value: string | undefined): Html {
  return value === undefined ? html`` : html` ${trustedHtml(name)}="${value}"`;
}

export interface FigureInput {
  /** Unique in the page; scopes the ids inside the SVG so two charts never share a clip path. */
  readonly id: string;
  readonly title: string;
  /** One sentence: what the reader should take from the chart. */
  readonly takeaway: string;
  /** The chart as rendered by `renderChartSvg`. */
  readonly svg: string;
  /** What the chart shows, for people who cannot see it; read out in place of the image. */
  readonly description: string;
  /** The chart's numbers. */
  readonly table: DataTable;
  /** Label of the collapsed table on screen; default "The numbers in this chart". */
  readonly tableLabel?: string;
}

export function figure(input: FigureInput): Html {
  const id = checkId(input.id);
  const summary = input.tableLabel ?? 'The numbers in this chart';
  const table = dataTable(input.table);
  return html`<figure class="chart" id="${id}" aria-labelledby="${id}-title">
<figcaption><h3 id="${id}-title">${input.title}</h3><p class="takeaway">${input.takeaway}</p></figcaption>
${accessibleSvg(input.svg, id, input.title, input.description)}
<details class="chart-data screen-only"><summary>${summary}</summary>${table}</details>
<div class="chart-data print-only">${table}</div>
</figure>`;
}

/**
 * The chart SVG announced as one image: `role="img"`, an `aria-label`, and `<title>`/`<desc>`
 * for tools that read those. Ids inside the SVG get the figure's id as a prefix.
 */
export function accessibleSvg(svg: string, id: string, title: string, description: string): Html {
  const safe = trustedSvg(svg).toString();
  const open = /^<svg\b[^>]*>/.exec(safe)![0];
  const scoped = safe
    .slice(open.length)
    .replace(/\bid="([^"]+)"/g, (_m, x: string) => `id="${id}-${x}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, x: string) => `url(#${id}-${x})`);
  const label = `${title}. ${description}`;
  const head = html`${trustedHtml(open.slice(0, -1))} role="img" aria-label="${label}"><title>${title}</title><desc>${description}</desc>`;
  return trustedHtml(head.toString() + scoped);
}

export interface SectionInput {
  readonly id?: string;
  readonly title: string;
  readonly body: Html;
}

/** A report section: starts on a new page in print. */
export function section(input: SectionInput): Html {
  const id = input.id === undefined ? undefined : checkId(input.id);
  return html`<section class="report-section"${attr('id', id)}><h2>${input.title}</h2>
${input.body}
</section>`;
}

/** A section that has nothing to show this time: its heading and one line saying why. */
export function noDataSection(title: string, reason: string): Html {
  return html`<section class="report-section no-data"><h2>${title}</h2><p class="no-data">${reason}</p></section>`;
}
