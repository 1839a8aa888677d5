/**
 * A small safe-templating layer. Every value interpolated into `html`...`` is escaped unless it
 * is already `Html`, and the only ways to make `Html` from a string are this module's tagged
 * template and `trustedHtml`, so trusting markup is always explicit and easy to search for.
 */

let makeHtml: (markup: string) => Html;

/** Markup that is safe to place in a document as it is. Only this module can make one. */
export class Html {
  readonly #markup: string;

  static {
    makeHtml = (markup) => new Html(markup);
  }

  private constructor(markup: string) {
    this.#markup = markup;
  }

  toString(): string {
    return this.#markup;
  }
}

/**
 * What may be interpolated. Numbers are deliberately not accepted: a figure in a report must go
 * through a formatter (`formatTco2e`, `formatPercent`, …) so rounding is never left to chance.
 */
export type Interpolation = Html | string | null | undefined | false | readonly Interpolation[];

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for element content and for quoted attribute values. Unquoted attributes and
 * URL attributes (`href`, `src`) are outside what escaping can protect; the components never
 * build either from data.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Tagged template: `html`<p>${name}</p>`` escapes `name`; nested `html` results pass through. */
export function html(strings: TemplateStringsArray, ...values: readonly Interpolation[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return makeHtml(out);
}

/** Marks markup as safe without escaping. Use only for markup this program generated itself. */
export function trustedHtml(markup: string): Html {
  return makeHtml(markup);
}
