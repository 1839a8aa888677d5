/** What `import clinical` says about a file or a row, in one place (tests assert against these). */

import { GWP_REPORT } from '../../factors/gwp.js';

export const DPI_KEY = 'inhaler.dry_powder';

export const clinicalMsg = {
  notClinical: (file: string, missing: readonly string[]) =>
    `${file} is not a pharmacy issue export as tco2e reads one: no column for ${missing.join(' or ')} was found.`,
  notClinicalHint:
    'The file needs a product column ("Product", "Description" or "Drug"), a quantity column ("Quantity", "Qty issued") and a "Date" or "Month" column; rename the header to one of these if the export names them otherwise.',
  noProduct: 'the product is blank: say what was issued, e.g. "Sevoflurane 250ml"',
  unknownProduct: (text: string) =>
    `"${text}" is not a product tco2e counts: it reads desflurane, sevoflurane, isoflurane, nitrous oxide, Entonox, metered-dose and dry-powder inhalers; remove the row, or write the agent's name in the product`,
  badQuantity: (text: string) => `"${text}" is not a quantity: give the number issued (a return as a negative number)`,
  noQuantity: 'the quantity is blank: give the number issued',
  badDate: (text: string, why: string) => `"${text}" is not a date: ${why}`,
  noDate: 'the date (or month) is blank: give the day or the month of the issue',
  badMonth: (text: string) => `"${text}" is not a month: write it as 2024-05, 05/2024 or May 2024`,
  noPackSize: (product: string, what: string) =>
    `"${product}" does not say ${what}: add it to the product text (e.g. "Sevoflurane 250ml", "Nitrous oxide 1800L") or a "Pack size" column, or give the quantity in ml, litres or kg in a "Unit" column`,
  packSizeNotGas: (product: string) => `the pack size of "${product}" is not litres of gas or kg: give the cylinder's contents, e.g. 1800 L or 3.4 kg`,
  packSizeNotLiquid: (product: string) => `the pack size of "${product}" is not a volume of liquid: give the bottle's volume, e.g. 250 ml`,
  badUnit: (unit: string, product: string) => `"${unit}" is not a unit tco2e can read for "${product}" (bottles, ml, litres, kg, cylinders, inhalers)`,
  inhalerKind: (product: string) =>
    `"${product}" does not say whether it is a metered-dose inhaler (a propellant, e.g. HFA-134a, in the text or a "Propellant" column) or a dry-powder inhaler (DPI, or its device name, e.g. Turbohaler, Ellipta, Accuhaler)`,
  noPropellant: (product: string) =>
    `"${product}" is a metered-dose inhaler but its propellant is not stated: add a "Propellant" column (HFA-134a, HFA-227ea or HFA-152a) or name it in the product text`,
  noPropellantMass: (product: string) =>
    `"${product}" is a metered-dose inhaler, and tco2e needs the propellant in each inhaler to count it: add a "Propellant (g)" column with the grams of propellant per inhaler (from the manufacturer or the product's SmPC); tco2e does not assume one`,
  badPropellantMass: (text: string) => `"${text}" is not a propellant mass: give the grams of propellant per inhaler, e.g. 12.5`,
  noDpiFactor: (product: string) =>
    `"${product}" is a dry-powder inhaler, which is counted with a factor per inhaler that you supply: load a custom factor file with --factors holding the key ${DPI_KEY} (unit items, kg CO2e per inhaler, scope 3, category 1, with its source)`,
  gwpBasis: `${GWP_REPORT.horizonYears}-year global warming potentials of the ${GWP_REPORT.edition}`,
};
