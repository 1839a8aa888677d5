/** What `import clinical` adds to the import summary: the columns it read and the basis of its figures. */

import type { ClinicalImportSummary } from '../../import/import-clinical.js';
import { DPI_KEY } from '../../map/clinical/messages.js';

const FIELD_NAMES: Readonly<Record<string, string>> = {
  product: 'product', quantity: 'quantity', unit: 'unit', packSize: 'pack size', date: 'date', month: 'month', site: 'site or ward', propellant: 'propellant', propellantGrams: 'propellant per inhaler (g)',
};

export function clinicalSummaryLines(s: ClinicalImportSummary): string[] {
  const c = s.clinical;
  if (c === undefined) return [];
  return [
    `Columns read: ${c.columns.map((x) => `${FIELD_NAMES[x.field] ?? x.field} from "${x.header}"`).join('; ')}.`,
    `Everything issued is counted as released. Figures use the ${c.gwp}; volatile agents by their liquid density, nitrous oxide at 540 litres of gas per kg (15 °C), Entonox as 50% nitrous oxide by volume.`,
    c.dpiFactor
      ? `Dry-powder inhalers: counted with the custom factor ${DPI_KEY}.`
      : `Dry-powder inhalers are counted only with a custom factor ${DPI_KEY} (per inhaler) loaded with --factors; none was loaded.`,
  ];
}
