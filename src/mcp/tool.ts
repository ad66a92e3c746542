// One tool = one file: a name, a short model-facing description, one `kind`, zod input/output
// schemas and a handler. The four MCP annotations are derived from `kind`, and read-only mode
// filters on the same field, so a tool cannot claim to be harmless and still write.
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { ToolContext } from './context.js';

export type ToolKind = 'read' | 'write' | 'destructive';
export const TOOLSETS = ['core', 'roles', 'users', 'mappings', 'planner'] as const;
export type Toolset = (typeof TOOLSETS)[number];

export interface ToolOutput<O> {
  /** concise summary for the model (and humans) */
  text: string;
  /** the same, machine-readable; must satisfy the tool's output schema */
  structured: O;
}

export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  toolset: Toolset;
  /** repeating the same call has no further effect (default: true for read, false otherwise) */
  idempotent?: boolean;
  input: I;
  output: O;
  handler(args: z.infer<I>, ctx: ToolContext): Promise<ToolOutput<z.infer<O>>>;
}

export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(def: ToolDef<I, O>): ToolDef<I, O> {
  return def;
}

export function annotationsFor(def: Pick<ToolDef, 'kind' | 'idempotent' | 'title'>): ToolAnnotations {
  return {
    title: def.title,
    readOnlyHint: def.kind === 'read',
    destructiveHint: def.kind === 'destructive',
    idempotentHint: def.idempotent ?? def.kind === 'read',
    // tools act on the one configured cluster, not on an open world
    openWorldHint: false,
  };
}
