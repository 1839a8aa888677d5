/**
 * What a person calls a source (`commuting:drive_alone:electricity` → "Staff commuting: car,
 * driving alone, electric"). The keys stay in JSON and CSV, for the tools that read them; the
 * words are for people, in the terminal and in reports.
 */

const GROUPS: Readonly<Record<string, string>> = {
  electricity: 'Electricity', gas: 'Gas', oil: 'Heating oil', gas_oil: 'Gas oil', lpg: 'LPG', coal: 'Coal', biomass_pellets: 'Wood pellets', biomass_chips: 'Wood chips',
  water: 'Water', water_supply: 'Water supply', water_treatment: 'Water treatment', heat: 'Heat', steam: 'Steam',
  fleet: 'Fleet', travel: 'Business travel', commuting: 'Staff commuting', 'patient-travel': 'Patient and visitor travel', waste: 'Waste',
  anaesthetic: 'Anaesthetic gases', inhalers: 'Inhalers',
};

/** A fleet names its vehicles in the plural (its vans); a journey by its mode (a van, the train). */
// `unknown`: a purchase whose registration the vehicle register does not hold, so its type is not known.
const FLEET: Readonly<Record<string, string>> = { car: 'cars', van: 'vans', other: 'other vehicles', 'ev-charging': 'EV charging', motorbike: 'motorbikes', hgv: 'lorries', unknown: 'vehicles not in the register', 'patient-transport': 'patient transport' };
/** Waste by the route it went (ERIC's routes; see `map/eric-activities.ts`). */
const WASTE: Readonly<Record<string, string>> = {
  clinical_incineration: 'clinical, incinerated', clinical_treatment: 'clinical, treated', offensive: 'offensive', landfill: 'landfill', incineration: 'incinerated',
  recycling: 'recycled', food: 'food', weee: 'electrical and electronic',
};
/** Anaesthetic gases by agent; inhalers by kind and propellant (see `map/clinical/`). */
const CLINICAL: Readonly<Record<string, string>> = {
  desflurane: 'desflurane', sevoflurane: 'sevoflurane', isoflurane: 'isoflurane', nitrous_oxide: 'nitrous oxide', entonox: 'Entonox (nitrous oxide and oxygen)',
  mdi_hfa134a: 'metered-dose, HFA-134a', mdi_hfa227ea: 'metered-dose, HFA-227ea', mdi_hfa152a: 'metered-dose, HFA-152a', dpi: 'dry-powder',
};
const MODES: Readonly<Record<string, string>> = {
  drive_alone: 'car, driving alone', car_share: 'car share', cycle: 'bicycle', walk: 'walking', flight: 'flights', hotel: 'hotel stays', other: 'other', taxi: 'taxi',
};

/** Sources named as a whole, not part by part. */
const WHOLE: Readonly<Record<string, string>> = {
  // Staff WTE × miles a year by average car, for years with no survey (`travel/default-commuting.ts`).
  'commuting:default': 'Staff commuting (default method)',
  // Patient contacts × journeys × miles by average car, for years with no patient survey (`travel/patient-travel.ts`).
  'patient-travel:default': 'Patient and visitor travel (default method)',
};

export function sourceName(source: string): string {
  const whole = WHOLE[source];
  if (whole !== undefined) return whole;
  const [group, ...rest] = source.split(':');
  const name = GROUPS[group!] ?? group!.replace(/_/g, ' ');
  if (rest.length === 0) return name;
  const names = group === 'fleet' ? FLEET : group === 'waste' ? WASTE : group === 'anaesthetic' || group === 'inhalers' ? CLINICAL : MODES;
  const words = rest.map((part) => (part === 'electricity' ? 'electric' : names[part] ?? part.replace(/_/g, ' ')));
  return `${name}: ${words.join(', ')}`;
}

/** A source in a sentence: lower case, except a name that starts with capitals (`LPG`). */
export function sourceWords(source: string): string {
  const n = sourceName(source);
  return /^[A-Z]{2}/.test(n) ? n : n.charAt(0).toLowerCase() + n.slice(1);
}

/** A list as a person writes it: `a`, `a and b`, `a, b and c`. */
export function listWords(items: readonly string[], last = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)!}`;
}

/** A step in coverage in words (see `targets/comparable.ts`): "staff commuting (a different survey)". */
export function stepName(step: { readonly group: string; readonly sites: readonly string[]; readonly surveyChanged: boolean; readonly methodChanged?: true }): string {
  const name = sourceWords(step.group);
  if (step.methodChanged === true) return `${name} (a survey, not the default method)`;
  if (step.surveyChanged) return `${name} (a different survey)`;
  if (step.sites.length > 0) return `${name} at ${step.sites.join(', ')}`;
  return name;
}

/** Steps in coverage as one phrase: "staff commuting and gas at New Wing". */
export function stepsPhrase(steps: readonly Parameters<typeof stepName>[0][]): string {
  return listWords(steps.map(stepName));
}
