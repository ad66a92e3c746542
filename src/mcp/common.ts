// Shared pieces for tool files: pagination, filters, not-found detection, summaries.
import { z } from 'zod';
import { responseStatus } from '../es/errors.js';
import type { estypes } from '@elastic/elasticsearch';

export const listInput = {
  filter: z.string().max(200).optional().describe('Only names containing this text, or matching this wildcard pattern (e.g. "logs-*").'),
  offset: z.number().int().min(0).default(0).describe('Skip this many results (pagination).'),
  limit: z.number().int().min(1).max(200).default(50).describe('At most this many results (1-200).'),
  detail: z.enum(['summary', 'full']).default('summary').describe('"summary": names + one-line summaries; "full": complete definitions.'),
};

export const pageOutput = {
  total: z.number().int().describe('matching results before pagination'),
  offset: z.number().int(),
  next_offset: z.number().int().optional().describe('pass as offset to get the next page'),
};

export function nameFilter(filter: string | undefined): (name: string) => boolean {
  if (!filter) return () => true;
  if (filter.includes('*') || filter.includes('?')) {
    const re = new RegExp(`^${filter.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    return (n) => re.test(n);
  }
  const f = filter.toLowerCase();
  return (n) => n.toLowerCase().includes(f);
}

export function paginate<T>(items: readonly T[], offset: number, limit: number): { page: T[]; total: number; offset: number; next_offset?: number } {
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? offset + limit : undefined;
  return { page, total: items.length, offset, ...(next === undefined ? {} : { next_offset: next }) };
}

export function isNotFound(e: unknown): boolean {
  return responseStatus(e) === 404;
}

/** The request's result, or `absent` when Elasticsearch answers 404 (any other error is thrown). */
export async function orIfNotFound<T, A>(request: Promise<T>, absent: A): Promise<T | A> {
  try {
    return await request;
  } catch (e) {
    if (isNotFound(e)) return absent;
    throw e;
  }
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** One line describing what a role grants. */
export function summarizeRole(d: Pick<estypes.SecurityRoleDescriptor, "cluster" | "indices" | "applications" | "run_as">): string {
  const parts: string[] = [];
  if (d.cluster?.length) parts.push(`cluster: ${d.cluster.join(', ')}`);
  for (const i of d.indices ?? []) {
    const extra = [i.query ? 'DLS' : '', i.field_security ? 'FLS' : '', i.allow_restricted_indices ? 'restricted' : ''].filter(Boolean);
    parts.push(`${list(i.names).join(', ')} (${i.privileges.join(', ')}${extra.length ? `; ${extra.join(', ')}` : ''})`);
  }
  for (const a of d.applications ?? []) parts.push(`${a.application}: ${a.privileges.join(', ')} on ${a.resources.join(', ')}`);
  if (d.run_as?.length) parts.push(`run_as: ${d.run_as.join(', ')}`);
  return parts.join('; ') || 'no privileges';
}

/** Paths whose values differ between two JSON values (for "replace" diffs). */
export function jsonDiff(before: unknown, after: unknown, path = ''): string[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObj = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    return [...new Set([...Object.keys(b), ...Object.keys(a)])].sort().flatMap((k) => jsonDiff(b[k], a[k], path ? `${path}.${k}` : k));
  }
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));
  return [`${path || '(root)'}: ${show(before)} → ${show(after)}`];
}
