import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generateDemoEnterprises } from './generator.ts';
import { demoPolicyItems, seedDemoPolicies } from './policies.ts';
import { COMMON_TAGS, INDUSTRIES, TOWNS } from './district.ts';
import { policyItemProblem, policyLibrarySchemaProblems, policyValidity, readPolicyItems } from '../policies/library.ts';
import { enterprisesForItem } from '../policies/match.ts';

const TODAY = '2026-12-04';

describe('the demo policy library', () => {
  const items = demoPolicyItems();

  it('holds ~30 well-formed items with unique codes, seeded into a schema-clean doc', () => {
    expect(items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.code)).size).toBe(items.length);
    for (const item of items) expect(policyItemProblem({ ...item, updatedAt: 1, updatedBy: 'seed' }), item.code).toBeNull();
    const doc = new Y.Doc();
    expect(seedDemoPolicies(doc, 1)).toBe(items.length);
    expect(policyLibrarySchemaProblems(doc)).toEqual([]);
    expect(readPolicyItems(doc).map((i) => i.code)).toEqual(items.map((i) => i.code));
    expect(items.filter((i) => i.mode === '免申即享').length).toBeGreaterThanOrEqual(4);
  });

  it('has expired items, windows closing within 30 days of the demo day, and later ones', () => {
    expect(items.filter((i) => policyValidity(i, TODAY) === 'expired').length).toBeGreaterThanOrEqual(3);
    const closingSoon = items.filter((i) => policyValidity(i, TODAY) === 'active' && i.applyTo >= TODAY && i.applyTo <= '2027-01-03');
    expect(closingSoon.length).toBeGreaterThanOrEqual(3);
    expect(items.filter((i) => i.applyTo > '2027-01-03').length).toBeGreaterThanOrEqual(5);
  });

  it('names only the demo district’s industries, towns and tags in its conditions, and matches demo enterprises', () => {
    const known: Record<string, readonly string[]> = { industry: INDUSTRIES, town: TOWNS, tags: COMMON_TAGS };
    for (const item of items) {
      for (const c of item.conditions) {
        if ('values' in c) for (const v of c.values) expect(known[c.field], `${item.code} ${c.field} ${v}`).toContain(v);
      }
    }
    const rows = generateDemoEnterprises(300).map((e) => ({ ...e, scale: '' as const, employees: null }));
    const withEligible = items.filter((i) => enterprisesForItem({ ...i, updatedAt: 0, updatedBy: '' }, rows, TODAY).eligible.length > 0);
    expect(withEligible.length).toBeGreaterThanOrEqual(10);
  });
});
