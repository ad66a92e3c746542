// What all tool calls of one server (or one CLI run) share, and how a per-call ToolContext is
// made from it. Used by createServer and by the CLI's `apply` (which runs tools without MCP).
import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '../log.js';
import type { KibanaClient } from '../es/kibana.js';
import { detectDeployment, type Deployment } from '../es/deployment.js';
import { PlanStore } from '../planner/confirm.js';
import { KeyedMutex } from './mutex.js';
import type { ToolContext } from './context.js';
import type { ToolDef } from './tool.js';
import { EsAuthzError } from '../errors.js';

export interface SessionDeps {
  /** the client, or a factory called on first use (so the server starts without loading it) */
  es: Client | (() => Promise<Client>);
  esUrl: string;
  kibana?: KibanaClient | undefined;
  logger: Logger;
}

export interface Session {
  deps: SessionDeps;
  es(): Promise<Client>;
  locks: KeyedMutex;
  plans: PlanStore;
  deployment(): Promise<Deployment>;
}

export function createSession(deps: SessionDeps): Session {
  let deployment: Promise<Deployment> | undefined;
  let client: Promise<Client> | undefined;
  const source = deps.es;
  const es = (): Promise<Client> => {
    client ??= source instanceof Function && !('transport' in source) ? (source as () => Promise<Client>)() : Promise.resolve(source as Client);
    return client;
  };
  return {
    deps,
    es,
    locks: new KeyedMutex(),
    plans: new PlanStore(),
    deployment: () => {
      deployment ??= es().then((c) => detectDeployment(c, deps.esUrl)).catch((e: unknown) => {
        deployment = undefined;
        throw e;
      });
      return deployment;
    },
  };
}

export interface CallExtras {
  signal?: AbortSignal | undefined;
  progress?: ToolContext['progress'];
  confirm?: ToolContext['confirm'];
}

export async function contextFor(session: Session, tool: string, extras: CallExtras = {}): Promise<ToolContext> {
  const requestId = randomUUID();
  const log = session.deps.logger.child({ requestId, tool });
  const es = await session.es();
  return {
    requestId,
    es: es.child({ headers: { 'x-opaque-id': requestId } }),
    kibana: session.deps.kibana,
    logger: log,
    deployment: session.deployment,
    locks: session.locks,
    plans: session.plans,
    signal: extras.signal,
    confirm: extras.confirm ?? (async () => 'unsupported'),
    progress: extras.progress ?? (async () => undefined),
    audit: (event) => log.info({ audit: true, ...event }, `audit ${event.tool} ${event.target} ${event.outcome}`),
  };
}

/**
 * Run one plan step: a tool by name with validated input and its own handler. Plans may only use
 * the single-purpose tools, never the planner's own (a plan cannot apply another plan).
 */
export async function runPlanStep(tools: readonly ToolDef[], name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<{ text: string; structured: Record<string, unknown> }> {
  const def = tools.find((t) => t.name === name && t.toolset !== 'planner');
  if (!def) throw new EsAuthzError('INVALID_INPUT', `Plan step uses unknown tool ${name}.`, { hint: 'Re-create the plan with plan_access_request or es-authz plan.' });
  const parsed = def.input.safeParse(args);
  if (!parsed.success) {
    throw new EsAuthzError('INVALID_INPUT', `Plan step ${name} has invalid arguments: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const out = await def.handler(parsed.data as never, ctx);
  return { text: out.text, structured: out.structured as Record<string, unknown> };
}

/** runPlanStep outside MCP (the CLI's apply), each step with its own request id. */
export async function runTool(session: Session, tools: readonly ToolDef[], name: string, args: Record<string, unknown>, extras: CallExtras = {}) {
  return runPlanStep(tools, name, args, await contextFor(session, name, extras));
}
