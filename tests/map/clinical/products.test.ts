import { describe, expect, it } from 'vitest';
import { nitrousKg, volatileKg } from '../../../src/map/clinical/amounts.js';
import { clinicalColumns } from '../../../src/map/clinical/columns.js';
import { parsePackSize, parseProduct, parsePropellant } from '../../../src/map/clinical/products.js';

describe('clinical products', () => {
  it.each([
    ['Sevoflurane 250ml inhalation vapour', { kind: 'volatile', agent: 'sevoflurane' }],
    ['SUPRANE 240ML', { kind: 'volatile', agent: 'desflurane' }],
    ['Entonox cylinder 5000L', { kind: 'nitrous', mix: 'entonox' }],
    ['Nitrous oxide / oxygen 50:50', { kind: 'nitrous', mix: 'entonox' }],
    ['Nitrous Oxide size G', { kind: 'nitrous', mix: 'n2o' }],
    ['Fostair 100/6 NEXThaler', { kind: 'dpi' }],
    ['Salbutamol 100mcg pMDI HFA-227ea', { kind: 'mdi', propellant: 'hfa227ea' }],
    ['Budesonide inhaler', { kind: 'inhaler' }],
  ])('reads %s', (text, expected) => {
    expect(parseProduct(text)).toEqual(expected);
  });

  it('leaves other products alone, and reads no size a text does not state', () => {
    expect(parseProduct('Paracetamol 500mg tablets')).toBeUndefined();
    expect(parsePackSize('Nitrous oxide size E')).toBeUndefined();
    expect(parsePackSize('N2O 1,800 litres')).toEqual({ litres: 1800 });
    expect(parsePackSize('Entonox 3.4 kg')).toEqual({ kg: 3.4 });
    expect(parsePropellant('norflurane')).toBe('hfa134a');
  });

  it('converts to kg with the cited densities', () => {
    // 250 ml × 1.52 g/ml = 380 g; 1080 L of N2O ÷ 540 = 2 kg; the same of Entonox holds half.
    expect(volatileKg('sevoflurane', 250)).toBeCloseTo(0.38, 12);
    expect(nitrousKg('n2o', { litres: 1080 })).toBeCloseTo(2, 12);
    expect(nitrousKg('entonox', { litres: 1080 })).toBeCloseTo(1, 12);
  });

  it('finds columns by meaning, the propellant mass apart from its type', () => {
    const c = clinicalColumns(['Month', 'Drug', 'QTY', 'Pack size (ml)', 'Propellant', 'Propellant (g)', 'Theatre']);
    expect([c.month?.index, c.product?.index, c.quantity?.index, c.packSize?.index, c.propellant?.index, c.propellantGrams?.index, c.site?.index]).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(c.packSize?.unit).toBe('ml');
  });
});
