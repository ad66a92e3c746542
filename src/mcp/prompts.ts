// MCP prompts: one Markdown file per prompt in the package's prompts/ directory, with a small
// front matter (name, title, description, arguments) and a body template. In the body,
// {{arg}} is the argument's value, {{#arg}}…{{/arg}} is kept only when the argument is given and
// {{^arg}}…{{/arg}} only when it is not. Other {{…}} (e.g. Mustache in DLS examples) is left as is.
import { readdirSync, readFileSync } from 'node:fs';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';

export interface PromptArgument {
  name: string;
  description: string;
  required: boolean;
}

export interface PromptDef {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgument[];
  /** the template, after the front matter */
  body: string;
}

/** src/mcp/prompts.ts and dist/mcp/prompts.js both sit two levels below the package root. */
export const PROMPTS_DIR = new URL('../../prompts/', import.meta.url);

const ARG_NAME = /^[a-z][a-z0-9_]*$/;

function scalar(raw: string): string {
  const v = raw.trim();
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) return v.slice(1, -1);
  return v;
}

function keyValue(line: string, where: string): [string, string] {
  const m = /^([a-z_]+):(?:\s+(.*))?$/.exec(line);
  if (!m) throw new Error(`${where}: cannot parse front matter line "${line}"`);
  return [m[1] as string, scalar(m[2] ?? '')];
}

/** Parse one prompt file: front matter between --- lines (a small YAML subset), then the body. */
export function parsePromptFile(text: string, where = 'prompt'): PromptDef {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[0] !== '---') throw new Error(`${where}: must start with a --- front matter line`);
  const end = lines.indexOf('---', 1);
  if (end < 0) throw new Error(`${where}: front matter is not closed with ---`);
  const top: Record<string, string> = {};
  const args: Record<string, string>[] = [];
  let inArgs = false;
  for (const line of lines.slice(1, end)) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!line.startsWith(' ')) {
      const [k, v] = keyValue(line, where);
      inArgs = k === 'arguments';
      if (inArgs && v) throw new Error(`${where}: arguments must be a list of items`);
      if (!inArgs) top[k] = v;
      continue;
    }
    if (!inArgs) throw new Error(`${where}: unexpected indented line "${line}"`);
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      args.push({});
      const [k, v] = keyValue(item[1] as string, where);
      (args.at(-1) as Record<string, string>)[k] = v;
    } else {
      if (!args.length) throw new Error(`${where}: argument property before any "- name:" item`);
      const [k, v] = keyValue(line.trim(), where);
      (args.at(-1) as Record<string, string>)[k] = v;
    }
  }
  for (const k of ['name', 'title', 'description'] as const) if (!top[k]) throw new Error(`${where}: front matter needs ${k}`);
  const parsedArgs = args.map((a): PromptArgument => {
    if (!a.name || !ARG_NAME.test(a.name)) throw new Error(`${where}: argument name "${a.name ?? ''}" must match ${ARG_NAME}`);
    if (!a.description) throw new Error(`${where}: argument ${a.name} needs a description`);
    if (a.required !== undefined && a.required !== 'true' && a.required !== 'false') throw new Error(`${where}: argument ${a.name}: required must be true or false`);
    return { name: a.name, description: a.description, required: a.required === 'true' };
  });
  if (new Set(parsedArgs.map((a) => a.name)).size !== parsedArgs.length) throw new Error(`${where}: duplicate argument names`);
  return {
    name: top.name as string,
    title: top.title as string,
    description: top.description as string,
    arguments: parsedArgs,
    body: lines.slice(end + 1).join('\n').trim() + '\n',
  };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Fill a prompt body with argument values (missing or blank values count as not given). */
export function renderPrompt(def: Pick<PromptDef, 'arguments' | 'body'>, values: Record<string, string | undefined>): string {
  let out = def.body;
  for (const { name } of def.arguments) {
    const n = escapeRe(name);
    const given = (values[name] ?? '').trim() !== '';
    // a section tag alone on its line takes the line with it
    out = out.replace(new RegExp(`^[ \\t]*(\\{\\{[#^/]${n}\\}\\})[ \\t]*\\n`, 'gm'), '$1');
    out = out.replace(new RegExp(`\\{\\{#${n}\\}\\}([\\s\\S]*?)\\{\\{/${n}\\}\\}`, 'g'), (_m, inner: string) => (given ? inner : ''));
    out = out.replace(new RegExp(`\\{\\{\\^${n}\\}\\}([\\s\\S]*?)\\{\\{/${n}\\}\\}`, 'g'), (_m, inner: string) => (given ? '' : inner));
  }
  const names = new Set(def.arguments.map((a) => a.name));
  // one pass, so a value that itself contains {{…}} is never expanded
  return out.replace(/\{\{([a-z][a-z0-9_]*)\}\}/g, (m, name: string) => (names.has(name) ? (values[name] ?? '').trim() : m));
}

let cache: PromptDef[] | undefined;

/** The package's prompts, read once (sorted by file name). */
export function loadPrompts(dir: URL = PROMPTS_DIR): PromptDef[] {
  if (dir === PROMPTS_DIR && cache) return cache;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .sort();
  const defs = files.map((f) => {
    const def = parsePromptFile(readFileSync(new URL(f, dir), 'utf8'), `prompts/${f}`);
    if (`${def.name}.md` !== f) throw new Error(`prompts/${f}: name "${def.name}" must match the file name`);
    return def;
  });
  if (dir === PROMPTS_DIR) cache = defs;
  return defs;
}

export function registerPrompts(server: McpServer, defs: PromptDef[] = loadPrompts()): void {
  for (const def of defs) {
    const argsSchema: Record<string, z.ZodString | z.ZodOptional<z.ZodString>> = {};
    // describe() last: zod 4 keeps the description on the outer (optional) schema, which the SDK reads
    for (const a of def.arguments) argsSchema[a.name] = a.required ? z.string().describe(a.description) : z.string().optional().describe(a.description);
    server.registerPrompt(def.name, { title: def.title, description: def.description, argsSchema }, (args) => ({
      description: def.description,
      messages: [{ role: 'user', content: { type: 'text', text: renderPrompt(def, args as Record<string, string | undefined>) } }],
    }));
  }
}
