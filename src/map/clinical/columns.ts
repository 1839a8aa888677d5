/**
 * Which column of a pharmacy issue export holds what, read from the header by meaning: case,
 * spacing, punctuation and a stated unit aside ("Qty Issued", "QUANTITY", "Pack size (ml)",
 * "Propellant (g)"). Stock systems, EPMA exports and theatre gas returns each name their columns
 * their own way; the words that decide are listed here, once.
 */

export type ClinicalField = 'product' | 'quantity' | 'unit' | 'packSize' | 'date' | 'month' | 'site' | 'propellant' | 'propellantGrams';

export interface ClinicalColumn {
  readonly index: number;
  readonly header: string;
  /** The unit the header states, lower case (`ml`, `l`, `kg`, `g`), if any. */
  readonly unit: string | undefined;
}

export type ClinicalColumns = Partial<Record<ClinicalField, ClinicalColumn>>;

/** Lower case, brackets and punctuation to spaces, spaces collapsed. */
function words(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const UNIT_WORDS: Readonly<Record<string, string>> = { ml: 'ml', millilitres: 'ml', l: 'l', litres: 'l', liters: 'l', ltrs: 'l', kg: 'kg', kgs: 'kg', g: 'g', grams: 'g', gram: 'g' };

/** The unit a header states in brackets or as its last word: `Pack size (ml)`, `Propellant g`. */
function statedUnit(header: string): string | undefined {
  const bracket = /[([]\s*([A-Za-z]+)\s*[)\]]/.exec(header);
  if (bracket) return UNIT_WORDS[bracket[1]!.toLowerCase()];
  const last = words(header).split(' ').at(-1) ?? '';
  return words(header).includes(' ') ? UNIT_WORDS[last] : undefined;
}

/**
 * The field a header is, tried in an order that settles overlaps: "Propellant (g)" is the mass
 * before "Propellant" is the type; "Pack size" before "Size"; "Unit of issue" is the unit, not
 * the quantity; "Issue date" the date before "Issue" the quantity.
 */
const RULES: readonly [ClinicalField, RegExp][] = [
  ['propellantGrams', /^propellant( (mass|weight|content|per inhaler|amount))+( g| grams?)?$|^propellant( per inhaler)? (g|grams?)$/],
  ['propellant', /^propellant( type| gas| name)?$/],
  ['packSize', /^(pack|pack size|pack volume|pack qty|pack quantity|bottle size|bottle volume|cylinder size|cylinder contents|container size|size|strength|volume per pack)$/],
  ['unit', /^(unit|units of issue|unit of issue|unit of measure|uom|issue unit|measure)$/],
  ['month', /^(month|period|issue month|month issued|reporting month|year month)$/],
  ['date', /^(date|issue date|date issued|transaction date|dispensed date|date of issue|supply date)$/],
  ['product', /^(product|product name|product description|description|item|item description|item name|drug|drug name|drug description|medicine|medicine name|agent|gas|nsv description|dm d description|dmd description|vtm|vmp|amp)$/],
  ['quantity', /^(quantity|qty|qty issued|quantity issued|issued|issue qty|issue quantity|packs issued|number issued|no issued|units issued|bottles|cylinders|inhalers|volume|amount|total issued|net issues|net qty|net quantity)$/],
  ['site', /^(site|site name|ward|ward name|theatre|theatres|location|department|cost centre|cost center|directorate|hospital|unit name)$/],
];

/** The header without its stated unit: `Pack size (ml)` → `pack size`, `Propellant g` → `propellant g` (kept: it names the mass). */
function bareWords(header: string): string {
  return words(header.replace(/[([][^)\]]*[)\]]/g, ' '));
}

/** The columns a header has, each field's first. */
export function clinicalColumns(header: readonly string[]): ClinicalColumns {
  const out: ClinicalColumns = {};
  header.forEach((h, index) => {
    const bare = bareWords(h);
    const unit = statedUnit(h);
    // "Propellant (g)": the bracketed unit is what makes it the mass.
    const text = /^propellant/.test(bare) && unit === 'g' && !bare.includes(' g') ? `${bare} g` : bare;
    for (const [field, re] of RULES) {
      if (re.test(text) && out[field] === undefined) {
        out[field] = { index, header: h, unit };
        return;
      }
    }
  });
  return out;
}
