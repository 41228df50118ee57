/**
 * Re-planning: a fresh plan merged over the existing one. Decisions survive when an item's digest
 * is unchanged; a changed item goes back to `proposed` with a `voided` entry in its trail; items
 * the new scan no longer proposes become `obsolete` (kept, never dropped).
 */
import type { ScanResult } from '../types.js';
import { compareItems, planFingerprints } from './build-plan.js';
import { canonicalJson, contentDigest, itemDigest, lastDecision } from './digest.js';
import type { Plan, PlanItem } from './plan-schema.js';
import { itemBindingDigest } from '../approvals/binding.js';

/** Who writes the trail entries minim itself records. */
export const MINIM_ACTOR = 'minim';

export function mergePlans(previous: Plan, fresh: Plan, scan: ScanResult, now: Date = new Date()): Plan {
  const at = now.toISOString();
  const oldById = new Map(previous.items.map((i) => [i.id, i]));
  const freshIds = new Set(fresh.items.map((i) => i.id));
  const scannedSources = new Set(scan.sources.map((s) => s.name));
  const failedTables = new Set(scan.errors.filter((e) => e.table).map((e) => `${e.source}\u0000${e.table}`));
  const presentColumns = new Set(scan.columns.map((c) => JSON.stringify([c.source, c.schema, c.table, c.column])));

  const items: PlanItem[] = [];
  for (const item of fresh.items) {
    const old = oldById.get(item.id);
    items.push(old ? carryOver(old, item, at) : item);
  }
  for (const old of previous.items) {
    if (freshIds.has(old.id)) continue;
    const unscanned = !scannedSources.has(old.source) || failedTables.has(`${old.source}\u0000${old.schema}.${old.table}`);
    if (unscanned || old.status === 'obsolete') {
      items.push(old);
      continue;
    }
    const gone = !presentColumns.has(JSON.stringify([old.source, old.schema, old.table, old.column]));
    items.push({
      ...old,
      status: 'obsolete',
      note: gone ? `column no longer in the scan of ${at.slice(0, 10)}` : `the policy no longer proposes ${old.action} for this column (${at.slice(0, 10)})`,
    });
  }
  items.sort(compareItems);
  const sources = new Map(previous.sources.map((s) => [s.name, s]));
  for (const s of fresh.sources) {
    // Tables the fresh scan did not bind (a table that failed this time) keep their old binding.
    const old = sources.get(s.name)?.tables ?? [];
    const have = new Set((s.tables ?? []).map((t) => JSON.stringify([t.schema, t.table])));
    const kept = old.filter((t) => !have.has(JSON.stringify([t.schema, t.table])) && items.some((i) => i.source === s.name && i.schema === t.schema && i.table === t.table));
    const tables = [...(s.tables ?? []), ...kept].sort((a, b) => a.schema.localeCompare(b.schema) || a.table.localeCompare(b.table));
    sources.set(s.name, { ...s, ...(s.tables ? { tables } : {}) });
  }
  const { seal: _seal, ...unsealed } = fresh;
  const merged: Plan = {
    ...unsealed,
    createdAt: previous.createdAt,
    updatedAt: at,
    sources: [...sources.values()].sort((a, b) => a.name.localeCompare(b.name)),
    schemaFingerprint: planFingerprints(items),
    // Stewards' signed ignore entries survive a re-plan.
    ...(previous.ignore ? { ignore: previous.ignore } : {}),
    items,
  };
  return { ...merged, items: items.map((i) => voidIfRebound(merged, i, at)) };
}

/** A decision signed over another binding (the database moved, or the table's columns changed) no longer holds: void it. */
function voidIfRebound(plan: Plan, item: PlanItem, at: string): PlanItem {
  const last = lastDecision(item);
  if (!last?.binding || last.decision === 'voided' || item.status === 'proposed' || item.status === 'obsolete') return item;
  if (last.binding === itemBindingDigest(plan, item)) return item;
  return {
    ...item,
    status: 'proposed',
    decisions: [...item.decisions, { by: MINIM_ACTOR, at, decision: 'voided', reason: `re-plan found its database or table changed (server, database or columns of ${item.table}); decide again`, digest: itemDigest(item) }],
  };
}

/**
 * What a steward chose on the item before deciding, kept over the fresh plan's default: `values`
 * (which rows a column mask changes) while the item still masks SQL-side. An item from a plan made
 * before the field has none, so the fresh default applies and its decision is voided: the steward
 * decides again, on what the item now says.
 */
function keepChoices(old: PlanItem, fresh: PlanItem): PlanItem {
  if (old.values === undefined || fresh.values === undefined) return fresh;
  return { ...fresh, values: old.values };
}

function carryOver(old: PlanItem, planned: PlanItem, at: string): PlanItem {
  const fresh = keepChoices(old, planned);
  const oldDigest = itemDigest(old);
  const last = lastDecision(old);
  if (contentDigest(old) === contentDigest(fresh)) {
    const holds = last && last.decision !== 'voided' && last.digest === oldDigest;
    // A decided item keeps the observations its decisions were signed over; an undecided one is refreshed.
    if (holds) return { ...old, status: last.decision as 'approved' | 'rejected' | 'retained' };
    return { ...fresh, status: 'proposed', decisions: old.decisions };
  }
  const decisions = [...old.decisions];
  if (last && last.decision !== 'voided') {
    decisions.push({
      by: MINIM_ACTOR,
      at,
      decision: 'voided',
      reason: `re-plan changed ${changedFields(old, fresh).join(', ')}; decide again`,
      digest: oldDigest,
    });
  }
  return { ...fresh, status: 'proposed', decisions };
}

function changedFields(a: PlanItem, b: PlanItem): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const skip = new Set(['status', 'decisions', 'evidence', 'rowEstimate', 'note']);
  const out = [...keys].filter((k) => !skip.has(k) && canonicalJson((a as Record<string, unknown>)[k]) !== canonicalJson((b as Record<string, unknown>)[k]));
  return out.length > 0 ? out.sort() : ['content'];
}
